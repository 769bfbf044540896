//! Where demo incidents happen: the city's hot spots, schools, neighbourhoods weighted by rough
//! population (or by housing type for waste, building works and burglaries), small recurring
//! trouble spots inside each neighbourhood, and the address written for each point.

use crate::geo::{Geo, Neighbourhood, offset_m};

use super::rng::Rng;

/// A named place that draws incidents, with its Gaussian spread and the street of its address.
#[derive(Clone, Copy, Debug)]
pub struct HotSpot {
    pub name: &'static str,
    pub lon: f64,
    pub lat: f64,
    /// Standard deviation of the jitter, metres.
    pub sigma_m: f64,
    pub street: &'static str,
}

/// Indices into [`HOT_SPOTS`].
pub mod spot {
    pub const VICTORIEI: usize = 0;
    pub const UNIRII: usize = 1;
    pub const PIATA_700: usize = 2;
    pub const BADEA_CARTAN: usize = 3;
    pub const MEHALA: usize = 4;
    pub const GARA_NORD: usize = 5;
    pub const CAMPUS: usize = 6;
    pub const IULIUS: usize = 7;
    pub const STADIUM: usize = 8;
}

/// The hot spots (coordinates approximate, all inside a neighbourhood polygon).
pub const HOT_SPOTS: &[HotSpot] = &[
    HotSpot {
        name: "Piața Victoriei",
        lon: 21.2257,
        lat: 45.7537,
        sigma_m: 160.0,
        street: "Piața Victoriei",
    },
    HotSpot {
        name: "Piața Unirii",
        lon: 21.2290,
        lat: 45.7578,
        sigma_m: 120.0,
        street: "Piața Unirii",
    },
    HotSpot {
        name: "Piața 700",
        lon: 21.2208,
        lat: 45.7592,
        sigma_m: 70.0,
        street: "Piața Timișoara 700",
    },
    HotSpot {
        name: "Piața Badea Cârțan",
        lon: 21.2120,
        lat: 45.7472,
        sigma_m: 70.0,
        street: "Piața Badea Cârțan",
    },
    HotSpot {
        name: "Piața Mehala",
        lon: 21.2005,
        lat: 45.7645,
        sigma_m: 70.0,
        street: "Strada Ipătescu Ana",
    },
    HotSpot {
        name: "Gara de Nord",
        lon: 21.2078,
        lat: 45.7502,
        sigma_m: 120.0,
        street: "Strada Gării",
    },
    HotSpot {
        name: "Complexul Studențesc",
        lon: 21.2385,
        lat: 45.7475,
        sigma_m: 220.0,
        street: "Aleea Studenților",
    },
    HotSpot {
        name: "Iulius Town",
        lon: 21.2285,
        lat: 45.7665,
        sigma_m: 150.0,
        street: "Piața Consiliul Europei",
    },
    HotSpot {
        name: "Stadionul Dan Păltinișanu",
        lon: 21.2435,
        lat: 45.7408,
        sigma_m: 180.0,
        street: "Bulevardul Eroilor de la Tisa",
    },
];

/// Which neighbourhood weights a residential draw uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Weighting {
    /// Rough population (thousands of residents).
    Population,
    /// Houses and yards at the edge of the city (waste dumping).
    Periphery,
    /// Where the city is being built (building works).
    Development,
    /// Areas of houses rather than blocks of flats (burglaries).
    Houses,
}

fn weight(w: Weighting, id: &str) -> f64 {
    match w {
        Weighting::Population => match id {
            "circumvalatiunii" => 35.0,
            "girocului" | "aradului" | "sagului" => 28.0,
            "dambovita" | "soarelui" | "fabric" => 20.0,
            "lipovei" | "iosefin" | "mehala" | "complex_studentesc" | "braytim__timisoara_sud" => {
                15.0
            }
            "elisabetin" | "tipografilor" | "fratelia" => 12.0,
            "steaua" | "ronat" | "buziasului" => 10.0,
            "centru" | "ciarda_rosie" | "blascovici" | "printul_turcesc__lunei" => 8.0,
            "olimpiastadion" | "telegrafului" | "bastion" | "torontalului" | "plopi" => 6.0,
            "crisan" => 5.0,
            "kuncz" | "ghiroda_noua" | "modern" => 3.0,
            _ => 5.0,
        },
        Weighting::Periphery => match id {
            "ciarda_rosie" => 6.0,
            "kuncz" | "plopi" | "ronat" => 5.0,
            "fratelia" | "ghiroda_noua" => 4.0,
            "mehala" | "braytim__timisoara_sud" | "buziasului" | "sagului" => 3.0,
            "centru" | "complex_studentesc" => 0.3,
            _ => 1.0,
        },
        Weighting::Development => match id {
            "braytim__timisoara_sud" | "lipovei" => 5.0,
            "aradului" | "sagului" | "ghiroda_noua" => 4.0,
            "ciarda_rosie" | "buziasului" | "fratelia" => 3.0,
            "centru" => 0.5,
            _ => 1.0,
        },
        Weighting::Houses => match id {
            "elisabetin" | "fratelia" => 4.0,
            "iosefin" | "fabric" | "ronat" | "mehala" | "braytim__timisoara_sud" | "blascovici" => {
                3.0
            }
            "kuncz" | "plopi" | "ghiroda_noua" | "ciarda_rosie" | "buziasului" => 2.0,
            "circumvalatiunii" | "complex_studentesc" | "dambovita" => 0.5,
            _ => 1.0,
        },
    }
}

/// A point where an incident happened, with its neighbourhood and address.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    pub lon: f64,
    pub lat: f64,
    /// Neighbourhood id (`centru`, ...).
    pub neighbourhood: &'static str,
    pub address: String,
}

/// A recurring trouble spot inside a neighbourhood (a bar, a block's car park, a corner shop).
#[derive(Clone, Debug)]
struct LocalSpot {
    lon: f64,
    lat: f64,
    street: String,
}

/// The places model: precomputed anchors and spots over the shipped geography.
pub struct Places {
    geo: &'static Geo,
    /// Neighbourhoods with a valid point inside the city, and one such point each.
    areas: Vec<(&'static Neighbourhood, (f64, f64))>,
    local: Vec<Vec<LocalSpot>>,
    /// Schools with classes (not universities or kindergartens) inside the covered area.
    schools: Vec<(f64, f64, String)>,
    streets: Vec<String>,
}

/// Share of residential incidents that happen at a neighbourhood's recurring spots.
const LOCAL_SHARE: f64 = 0.35;
const LOCAL_SIGMA_M: f64 = 60.0;
const LOCAL_SPOTS: usize = 3;

impl Places {
    pub fn new(geo: &'static Geo, seed: u64) -> Places {
        let mut rng = Rng::stream(seed, 0x504C_4143);
        let mut streets: Vec<String> = geo.streets.iter().map(|s| s.full_name()).collect();
        streets.sort_unstable();
        streets.dedup();
        let mut places = Places {
            geo,
            areas: Vec::new(),
            local: Vec::new(),
            schools: Vec::new(),
            streets,
        };
        for n in &geo.neighbourhoods {
            let anchor = if places.valid(n, n.centroid) {
                Some(n.centroid)
            } else {
                (0..500)
                    .map(|_| places.uniform_in(n, &mut rng))
                    .find(|p| places.valid(n, *p))
            };
            if let Some(anchor) = anchor {
                places.areas.push((n, anchor));
            }
        }
        for i in 0..places.areas.len() {
            let spots = (0..LOCAL_SPOTS)
                .map(|_| {
                    let (lon, lat) = places.point_in_area(i, &mut rng);
                    LocalSpot {
                        lon,
                        lat,
                        street: places.street(&mut rng),
                    }
                })
                .collect();
            places.local.push(spots);
        }
        places.schools = geo
            .schools
            .iter()
            .filter(|s| s.kind == "school" || s.kind == "college")
            .filter(|s| geo.in_city(s.lon, s.lat) && geo.neighbourhood_at(s.lon, s.lat).is_some())
            .map(|s| (s.lon, s.lat, s.address.clone().unwrap_or_default()))
            .collect();
        places
    }

    fn valid(&self, n: &Neighbourhood, (lon, lat): (f64, f64)) -> bool {
        n.contains(lon, lat) && self.geo.in_city(lon, lat)
    }

    fn uniform_in(&self, n: &Neighbourhood, rng: &mut Rng) -> (f64, f64) {
        let (x0, y0, x1, y1) = n.bbox;
        (rng.uniform(x0, x1), rng.uniform(y0, y1))
    }

    fn point_in_area(&self, i: usize, rng: &mut Rng) -> (f64, f64) {
        let (n, anchor) = self.areas[i];
        (0..60)
            .map(|_| self.uniform_in(n, rng))
            .find(|p| self.valid(n, *p))
            .unwrap_or(anchor)
    }

    /// Number of schools used for school-gate incidents.
    pub fn school_count(&self) -> usize {
        self.schools.len()
    }

    /// A deterministic street name for an address.
    pub fn street(&self, rng: &mut Rng) -> String {
        rng.pick(&self.streets)
            .cloned()
            .unwrap_or_else(|| "Strada Mărășești".to_string())
    }

    /// A house number, small numbers being more common.
    pub fn number(rng: &mut Rng) -> i64 {
        1 + (rng.exponential(22.0) as i64).min(180)
    }

    /// A point jittered around `(lon, lat)` that stays inside the city and a neighbourhood;
    /// falls back to the centre itself.
    fn jitter(&self, lon: f64, lat: f64, sigma_m: f64, rng: &mut Rng) -> (f64, f64, &'static str) {
        for _ in 0..30 {
            let (x, y) = offset_m(lon, lat, sigma_m * rng.normal(), sigma_m * rng.normal());
            if self.geo.in_city(x, y)
                && let Some(n) = self.geo.neighbourhood_at(x, y)
            {
                return (x, y, n.id.as_str());
            }
        }
        let id = self
            .geo
            .neighbourhood_at(lon, lat)
            .map_or("centru", |n| n.id.as_str());
        (lon, lat, id)
    }

    /// An incident at a hot spot.
    pub fn at_spot(&self, index: usize, rng: &mut Rng) -> Place {
        let s = HOT_SPOTS[index.min(HOT_SPOTS.len() - 1)];
        let (lon, lat, neighbourhood) = self.jitter(s.lon, s.lat, s.sigma_m, rng);
        let address = format!("{} nr. {}", s.street, 1 + rng.below(12));
        Place {
            lon,
            lat,
            neighbourhood,
            address,
        }
    }

    /// An incident at the gate of a school (within a few tens of metres).
    pub fn at_school(&self, rng: &mut Rng) -> Place {
        let Some((lon, lat, address)) = rng.pick(&self.schools).cloned() else {
            return self.at_spot(spot::VICTORIEI, rng);
        };
        let (lon, lat, neighbourhood) = self.jitter(lon, lat, 25.0, rng);
        let address = if address.is_empty() {
            format!("{} nr. {}", self.street(rng), Places::number(rng))
        } else {
            address
        };
        Place {
            lon,
            lat,
            neighbourhood,
            address,
        }
    }

    /// An incident somewhere in a neighbourhood chosen by `weighting`: at one of its recurring
    /// spots (a share of [`LOCAL_SHARE`]) or anywhere inside it.
    pub fn residential(&self, weighting: Weighting, rng: &mut Rng) -> Place {
        let weights: Vec<f64> = self
            .areas
            .iter()
            .map(|(n, _)| weight(weighting, &n.id))
            .collect();
        let i = rng.weighted(&weights);
        if rng.chance(LOCAL_SHARE)
            && let Some(spot) = self.local.get(i).and_then(|spots| rng.pick(spots))
        {
            let (lon, lat, neighbourhood) = self.jitter(spot.lon, spot.lat, LOCAL_SIGMA_M, rng);
            let address = format!("{} nr. {}", spot.street, Places::number(rng));
            return Place {
                lon,
                lat,
                neighbourhood,
                address,
            };
        }
        let (lon, lat) = self.point_in_area(i, rng);
        // Polygons overlap a little at their edges: the canonical answer is `neighbourhood_at`.
        let neighbourhood = match self.geo.neighbourhood_at(lon, lat) {
            Some(n) => n.id.as_str(),
            None => self.areas.get(i).map_or("centru", |(n, _)| n.id.as_str()),
        };
        let address = format!("{} nr. {}", self.street(rng), Places::number(rng));
        Place {
            lon,
            lat,
            neighbourhood,
            address,
        }
    }

    /// A place a Gaussian `sigma_m` away from another (a near repeat: the house next door or
    /// across the street), keeping the street.
    pub fn near(&self, origin: &Place, sigma_m: f64, rng: &mut Rng) -> Place {
        let (lon, lat, neighbourhood) = self.jitter(origin.lon, origin.lat, sigma_m, rng);
        let street = origin
            .address
            .split(" nr. ")
            .next()
            .unwrap_or(&origin.address);
        let address = format!("{street} nr. {}", Places::number(rng));
        Place {
            lon,
            lat,
            neighbourhood,
            address,
        }
    }
}
