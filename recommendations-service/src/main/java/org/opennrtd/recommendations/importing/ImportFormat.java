package org.opennrtd.recommendations.importing;

/** The file formats the import accepts, recognised by content, never by file name. */
public enum ImportFormat {
    /** The Universal Human Rights Index's "Export to Excel". */
    UHRI_XLSX,
    /** The same columns as CSV (UTF-8, with or without BOM, comma or semicolon). */
    UHRI_CSV,
    /** UHRI JSON records. */
    UHRI_JSON,
    /** OHCHR's UPR "thematic list of recommendations" sent to a State after its review (Word). */
    UPR_MATRIX_DOCX,
    /** OpenNRTD's own CSV template for recommendations entered by hand. */
    OPENNRTD_CSV;

    /** Whether files of this format are exports of the UHRI itself, whose records say what the index holds. */
    public boolean fromUhri() {
        return this == UHRI_XLSX || this == UHRI_CSV || this == UHRI_JSON;
    }
}
