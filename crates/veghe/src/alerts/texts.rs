//! The words of the alert area's drawing on the alerts page, Romanian first and English second.

use crate::web::i18n::texts_table;

texts_table! { T, "The words of the alert area's drawing.";
    area_h: "Zona avertizării", "The alert's area";
    draw_hint: "Alegeți „Cerc” și faceți clic în centrul zonei, apoi pe marginea ei; sau alegeți „Poligon” și faceți clic pe colțurile zonei, apoi „Închide poligonul”.", "Choose Circle and click the centre of the area, then its edge; or choose Polygon, click the corners of the area, then Close the polygon.";
    tools: "Desenarea zonei", "Drawing the area";
    circle: "Cerc", "Circle";
    polygon: "Poligon", "Polygon";
    close_polygon: "Închide poligonul", "Close the polygon";
    clear: "Șterge desenul", "Clear the drawing";
    map_label: "Harta pe care se desenează zona avertizării", "Map to draw the alert's area on";
    advanced: "Coordonatele zonei: le completează desenul, le puteți scrie și de mână", "The area's coordinates: the drawing fills them in, you may also type them";
    type_them: "Coordonatele zonei (scrise de mână)", "The area's coordinates (typed)";
    drawn_circle: "Cerc desenat: raza", "Circle drawn: radius";
    drawn_polygon: "Poligon desenat:", "Polygon drawn:";
    points: "puncte", "points";
    centre_set: "Centrul este ales; faceți clic pe marginea zonei.", "The centre is chosen; click the edge of the area.";
    polygon_more: "Puncte alese:", "Points chosen:";
    nothing_drawn: "Nicio zonă desenată.", "No area drawn.";
    required_note: "Câmpurile marcate cu * sunt obligatorii.", "Fields marked * are required.";
}
