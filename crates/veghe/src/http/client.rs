//! Who is calling: the client's address, from the connection, or from `X-Forwarded-For` when the
//! connection comes from a trusted reverse proxy — the rightmost address that is not one of the
//! trusted proxies, so a client cannot choose its address by sending the header itself.

use std::net::IpAddr;

use axum::http::HeaderMap;
use ipnet::IpNet;

/// The client's address as the throttles and logs name it ("unknown" without a connection).
pub fn address(
    trust_proxy: bool,
    trusted: &[IpNet],
    headers: &HeaderMap,
    peer: Option<IpAddr>,
) -> String {
    let Some(peer) = peer else {
        return "unknown".to_string();
    };
    if !trust_proxy {
        return peer.to_string();
    }
    let forwarded: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    behind_proxies(peer, &forwarded.join(","), trusted).to_string()
}

/// Walks `X-Forwarded-For` from the right while the hop in hand is a trusted proxy: the first
/// address that is not one is the client. A hop that is no address ends the walk at the last
/// trusted one, which is then what is known of the client.
pub fn behind_proxies(peer: IpAddr, forwarded: &str, trusted: &[IpNet]) -> IpAddr {
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|n| n.contains(ip));
    let mut client = peer;
    for hop in forwarded.rsplit(',') {
        if !is_trusted(&client) {
            break;
        }
        let Ok(ip) = hop.trim().parse::<IpAddr>() else {
            break;
        };
        client = ip;
    }
    client
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn nets(s: &str) -> Vec<IpNet> {
        crate::config::parse_proxies(s).expect("ranges")
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("address")
    }

    #[test]
    fn the_client_is_the_rightmost_untrusted_hop() {
        let proxies = nets("127.0.0.1,10.0.0.0/8");
        // A client's own header is kept to the left of what the proxy adds.
        assert_eq!(
            behind_proxies(ip("127.0.0.1"), "6.6.6.6, 203.0.113.7", &proxies),
            ip("203.0.113.7")
        );
        // Two proxies in a row.
        assert_eq!(
            behind_proxies(ip("127.0.0.1"), "203.0.113.7, 10.1.2.3", &proxies),
            ip("203.0.113.7")
        );
        // Not from a proxy: the header is ignored.
        assert_eq!(
            behind_proxies(ip("198.51.100.1"), "203.0.113.7", &proxies),
            ip("198.51.100.1")
        );
        // Garbage stops the walk.
        assert_eq!(
            behind_proxies(ip("127.0.0.1"), "203.0.113.7, nonsense", &proxies),
            ip("127.0.0.1")
        );
        assert_eq!(
            behind_proxies(ip("127.0.0.1"), "", &proxies),
            ip("127.0.0.1")
        );
    }

    proptest! {
        /// Whatever a client writes into the header, behind one trusted proxy it is seen as the
        /// address the proxy saw.
        #[test]
        fn a_client_cannot_choose_its_address(spoofed in "[0-9a-f.:, ]{0,60}", a in any::<[u8; 4]>()) {
            let real = IpAddr::from(a);
            prop_assume!(!real.is_loopback());
            let header = format!("{spoofed},{real}");
            let seen = behind_proxies(ip("127.0.0.1"), &header, &nets("127.0.0.0/8"));
            prop_assert_eq!(seen, real);
        }
    }
}
