package org.opennrtd.reporting.report;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** The labels of reports in one language, from the bundles {@code i18n/report_<lang>.properties}. */
public final class Labels {

    private final ResourceBundle bundle;
    private final Locale locale;

    private Labels(Locale locale) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle("i18n.report", locale, Labels.class.getClassLoader(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    public static Labels of(String language) {
        return new Labels(Locale.forLanguageTag(ReportParameters.LANGUAGES.contains(language) ? language : "en"));
    }

    public Locale locale() {
        return locale;
    }

    public String get(String key, Object... args) {
        String pattern = bundle.getString(key);
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }

    /** A code's label, for example {@code position.SUPPORTED}; the code itself when the bundle has none. */
    public String code(String prefix, String code) {
        if (code == null) {
            return get("value.none");
        }
        try {
            return bundle.getString(prefix + "." + code);
        } catch (MissingResourceException e) {
            return code;
        }
    }
}
