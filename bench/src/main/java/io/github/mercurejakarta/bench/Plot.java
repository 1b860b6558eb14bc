package io.github.mercurejakarta.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/**
 * A PNG of the warm phases against N: delivery latency p50/p90/p99 (log scale) above, deliveries/s below,
 * one colour per target. Java2D, headless: no plotting tool to install.
 */
final class Plot {

    private static final int W = 1000, H = 820, LEFT = 90, RIGHT = 200, TOP = 50;
    private static final Color[] COLORS = {new Color(110, 110, 110), new Color(31, 119, 180), new Color(230, 120, 20),
            new Color(44, 160, 44)};

    private Plot() {
    }

    static void write(Path png, String title, Map<String, Bench.Run> runs) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, LEFT, 28);

        List<Phase> all = new ArrayList<>();
        runs.values().forEach(r -> r.phases().stream().filter(p -> p.label().equals("warm")).forEach(all::add));
        if (all.isEmpty()) {
            ImageIO.write(img, "png", png.toFile());
            return;
        }
        double maxN = all.stream().mapToInt(Phase::subscribers).max().orElse(1);
        double minN = all.stream().mapToInt(Phase::subscribers).min().orElse(0);
        if (maxN == minN) {
            minN = 0;
            maxN = maxN * 1.25;
        } else {
            double pad = (maxN - minN) * 0.05;
            minN -= pad;
            maxN += pad;
        }
        int plotW = W - LEFT - RIGHT;
        Frame lat = new Frame(TOP, 420, minN, maxN, true,
                all.stream().mapToDouble(Phase::p50).filter(v -> v > 0).min().orElse(0.1),
                all.stream().mapToDouble(Phase::max).max().orElse(10));
        Frame del = new Frame(TOP + 480, 240, minN, maxN, false, 0,
                all.stream().mapToDouble(Phase::deliveriesPerSecond).max().orElse(1) * 1.1);
        lat.axes(g, plotW, "delivery latency, ms (log)");
        del.axes(g, plotW, "deliveries/s");
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.drawString("N (subscribers)", LEFT + plotW / 2 - 40, H - 12);

        int ci = 0;
        int legendY = TOP + 10;
        for (var e : runs.entrySet()) {
            List<Phase> ps = e.getValue().phases().stream().filter(p -> p.label().equals("warm")).toList();
            Color c = COLORS[ci++ % COLORS.length];
            series(g, lat, plotW, ps, Phase::p50, c, new BasicStroke(1.5f), '.');
            series(g, lat, plotW, ps, Phase::p90, c, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10,
                    new float[] {6, 4}, 0), '.');
            series(g, lat, plotW, ps, Phase::p99, c, new BasicStroke(3f), 'o');
            series(g, del, plotW, ps, Phase::deliveriesPerSecond, c, new BasicStroke(2.5f), 'o');
            g.setColor(c);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
            g.drawString(e.getKey(), W - RIGHT + 20, legendY);
            legendY += 20;
        }
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int x = W - RIGHT + 20;
        legendY += 10;
        g.setStroke(new BasicStroke(1.5f));
        g.drawLine(x, legendY - 4, x + 30, legendY - 4);
        g.drawString("p50", x + 36, legendY);
        legendY += 18;
        g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
        g.drawLine(x, legendY - 4, x + 30, legendY - 4);
        g.drawString("p90", x + 36, legendY);
        legendY += 18;
        g.setStroke(new BasicStroke(3f));
        g.drawLine(x, legendY - 4, x + 30, legendY - 4);
        g.drawString("p99", x + 36, legendY);
        g.dispose();
        ImageIO.write(img, "png", png.toFile());
    }

    private static void series(Graphics2D g, Frame f, int plotW, List<Phase> ps, ToDoubleFunction<Phase> y, Color c,
                               Stroke stroke, char marker) {
        g.setColor(c);
        g.setStroke(stroke);
        int px = -1, py = -1;
        for (Phase p : ps) {
            double v = y.applyAsDouble(p);
            if (Double.isNaN(v) || (f.log && v <= 0)) {
                continue;
            }
            int x = f.x(p.subscribers(), plotW);
            int yy = f.y(v);
            if (px >= 0) {
                g.drawLine(px, py, x, yy);
            }
            int r = marker == 'o' ? 4 : 2;
            g.fillOval(x - r, yy - r, 2 * r, 2 * r);
            px = x;
            py = yy;
        }
    }

    /** One panel: its place on the image and its scales. */
    private static final class Frame {
        final int top, height;
        final double minX, maxX, minY, maxY;
        final boolean log;

        Frame(int top, int height, double minX, double maxX, boolean log, double minY, double maxY) {
            this.top = top;
            this.height = height;
            this.minX = minX;
            this.maxX = maxX;
            this.log = log;
            if (log) {
                this.minY = Math.pow(10, Math.floor(Math.log10(Math.max(minY, 0.01))));
                this.maxY = Math.pow(10, Math.ceil(Math.log10(Math.max(maxY, this.minY * 10))));
            } else {
                this.minY = minY;
                this.maxY = maxY <= 0 ? 1 : maxY;
            }
        }

        int x(double n, int plotW) {
            return LEFT + (int) Math.round((n - minX) / (maxX - minX) * plotW);
        }

        int y(double v) {
            double t = log ? (Math.log10(v) - Math.log10(minY)) / (Math.log10(maxY) - Math.log10(minY)) : (v - minY) / (maxY - minY);
            return top + height - (int) Math.round(t * height);
        }

        void axes(Graphics2D g, int plotW, String label) {
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(1f));
            g.drawRect(LEFT, top, plotW, height);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            List<Double> ticks = new ArrayList<>();
            if (log) {
                for (double v = minY; v <= maxY * 1.001; v *= 10) {
                    ticks.add(v);
                }
            } else {
                double step = niceStep(maxY - minY);
                for (double v = 0; v <= maxY; v += step) {
                    ticks.add(v);
                }
            }
            for (double v : ticks) {
                int y = y(v);
                g.setColor(new Color(225, 225, 225));
                g.drawLine(LEFT + 1, y, LEFT + plotW - 1, y);
                g.setColor(Color.BLACK);
                String s = v >= 1 || v == 0 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2f", v);
                g.drawString(s, LEFT - 8 - g.getFontMetrics().stringWidth(s), y + 4);
            }
            double xstep = niceStep(maxX - minX);
            for (double n = Math.ceil(minX / xstep) * xstep; n <= maxX; n += xstep) {
                int x = x(n, plotW);
                g.setColor(new Color(225, 225, 225));
                g.drawLine(x, top + 1, x, top + height - 1);
                g.setColor(Color.BLACK);
                String s = String.format(Locale.ROOT, "%,.0f", n);
                g.drawString(s, x - g.getFontMetrics().stringWidth(s) / 2, top + height + 16);
            }
            Graphics2D r = (Graphics2D) g.create();
            r.rotate(-Math.PI / 2);
            r.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            r.drawString(label, -(top + height / 2 + r.getFontMetrics().stringWidth(label) / 2), 22);
            r.dispose();
        }

        private static double niceStep(double range) {
            double raw = range / 6;
            double mag = Math.pow(10, Math.floor(Math.log10(raw)));
            double f = raw / mag;
            return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * mag;
        }
    }
}
