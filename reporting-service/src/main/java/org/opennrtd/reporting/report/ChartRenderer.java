package org.opennrtd.reporting.report;

import jakarta.enterprise.context.ApplicationScoped;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Bar charts as PNG (JFreeChart, headless), drawn with the bundled DejaVu Sans so that accented and non-Latin
 * labels look the same on every machine.
 */
@ApplicationScoped
public class ChartRenderer {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    public static final int WIDTH = 640;
    public static final int HEIGHT = 320;

    private static final Color[] PALETTE = {new Color(0x1f, 0x5f, 0x8b), new Color(0x4c, 0xa3, 0x5a),
        new Color(0xe0, 0x8e, 0x2b), new Color(0xb8, 0x3b, 0x3b), new Color(0x7a, 0x5c, 0xa8),
        new Color(0x6b, 0x6b, 0x6b)};

    private final Font base = loadFont();

    private static Font loadFont() {
        try (InputStream in = ChartRenderer.class.getResourceAsStream("/fonts/DejaVuSans.ttf")) {
            return Font.createFont(Font.TRUETYPE_FONT, in);
        } catch (IOException | FontFormatException e) {
            throw new IllegalStateException("The bundled font fonts/DejaVuSans.ttf cannot be read", e);
        }
    }

    /**
     * @param series series name → (category → value), for example position → (theme → count); one series draws
     *               a plain bar chart, several a stacked one
     */
    public byte[] bars(String title, String valueAxis, Map<String, Map<String, Number>> series, boolean horizontal) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        series.forEach((name, values) -> values.forEach((category, value) -> data.addValue(value, name, category)));
        StandardChartTheme theme = new StandardChartTheme("opennrtd");
        theme.setExtraLargeFont(base.deriveFont(Font.BOLD, 15f));
        theme.setLargeFont(base.deriveFont(12f));
        theme.setRegularFont(base.deriveFont(10f));
        theme.setSmallFont(base.deriveFont(9f));
        theme.setBarPainter(new StandardBarPainter());
        theme.setShadowVisible(false);
        theme.setChartBackgroundPaint(Color.WHITE);
        theme.setPlotBackgroundPaint(Color.WHITE);
        theme.setRangeGridlinePaint(new Color(0xcc, 0xcc, 0xcc));
        boolean stacked = series.size() > 1;
        PlotOrientation orientation = horizontal ? PlotOrientation.HORIZONTAL : PlotOrientation.VERTICAL;
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT,
                new CategoryPlot(data, new org.jfree.chart.axis.CategoryAxis(null), new NumberAxis(valueAxis),
                        stacked ? new org.jfree.chart.renderer.category.StackedBarRenderer() : new BarRenderer()),
                stacked);
        ((CategoryPlot) chart.getPlot()).setOrientation(orientation);
        theme.apply(chart);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.getRangeAxis().setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        plot.getDomainAxis().setMaximumCategoryLabelWidthRatio(horizontal ? 0.35f : 1.0f);
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        for (int i = 0; i < PALETTE.length; i++) {
            renderer.setSeriesPaint(i, PALETTE[i]);
        }
        renderer.setMaximumBarWidth(0.08);
        int height = horizontal ? Math.max(HEIGHT, 60 + 22 * data.getColumnCount()) : HEIGHT;
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ChartUtils.writeChartAsPNG(out, chart, WIDTH, height);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The height {@link #bars} gives a chart with this many categories. */
    public static int height(boolean horizontal, int categories) {
        return horizontal ? Math.max(HEIGHT, 60 + 22 * categories) : HEIGHT;
    }

    public static Map<String, Map<String, Number>> single(String name, Map<String, ? extends Number> values) {
        Map<String, Map<String, Number>> series = new LinkedHashMap<>();
        series.put(name, new LinkedHashMap<>(values));
        return series;
    }
}
