package org.shmalloc.reports.html;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;

/**
 * The files the page inlines: ECharts from its WebJar (the version is read from the WebJar's own
 * {@code pom.properties}, so the pom pins it in one place), and this module's script and style.
 */
final class Assets {

    private static final String ECHARTS_POM = "META-INF/maven/org.webjars.npm/echarts/pom.properties";
    private static final String OWN = "org/shmalloc/reports/html/";

    private Assets() {
    }

    static String echartsVersion() {
        Properties properties = new Properties();
        try (InputStream in = resource(ECHARTS_POM)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }

    static String echartsJs() {
        return script("META-INF/resources/webjars/echarts/" + echartsVersion() + "/dist/echarts.min.js");
    }

    static String own(String name) {
        return name.endsWith(".js") ? script(OWN + name) : text(OWN + name);
    }

    /** A script to put inside {@code <script>}: it must not contain {@code </script}, which would end the block. */
    private static String script(String path) {
        String js = text(path);
        if (js.toLowerCase(Locale.ROOT).contains("</script")) {
            throw new IllegalStateException(path + " contains </script and cannot be inlined");
        }
        return js;
    }

    private static String text(String path) {
        try (InputStream in = resource(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    private static InputStream resource(String path) {
        InputStream in = Assets.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("missing resource " + path + " (is the WebJar on the classpath?)");
        }
        return in;
    }
}
