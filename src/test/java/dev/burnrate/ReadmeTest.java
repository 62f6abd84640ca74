package dev.burnrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.smallrye.config.WithName;

/**
 * The README is tested: every parameter, deploy override, command, resource, output, event file and configuration
 * key it names exists in {@code template.yaml}, {@code bin/burnrate}, {@code events/} or the configuration
 * mappings, and the template's parameters and environment variables are all documented and all read.
 */
class ReadmeTest {

    private static final List<Class<?>> CONFIG_MAPPINGS = List.of(dev.burnrate.config.BurnrateConfig.class,
            dev.burnrate.provider.openai.OpenAiConfig.class, dev.burnrate.provider.azure.AzureConfig.class,
            dev.burnrate.provider.google.GoogleConfig.class, dev.burnrate.provider.bedrock.BedrockConfig.class);

    private final String readme = read("README.md");
    private final String template = read("template.yaml");

    @Test
    void theParameterTableAndTheTemplateNameTheSameParameters() {
        Set<String> documented = new TreeSet<>();
        String table = section(readme, "### Parameters", "\n\n", true);
        Matcher row = Pattern.compile("(?m)^\\| (`[^|]+)\\|").matcher(table);
        while (row.find()) {
            Matcher name = Pattern.compile("`([A-Za-z0-9]+)`").matcher(row.group(1));
            while (name.find()) {
                documented.add(name.group(1));
            }
        }
        assertThat(documented).as("parameters in the README's table").isNotEmpty()
                .containsExactlyInAnyOrderElementsOf(templateKeys("Parameters"));
    }

    @Test
    void everyDeployOverrideIsATemplateParameter() {
        List<String> overrides = new ArrayList<>();
        // each --parameter-overrides runs to the end of its code block
        for (int at = readme.indexOf("--parameter-overrides"); at >= 0;
                at = readme.indexOf("--parameter-overrides", at + 1)) {
            int end = readme.indexOf("```", at);
            String block = readme.substring(at, end < 0 ? readme.length() : end);
            Matcher name = Pattern.compile("(?:^|[\\s\"])([A-Z][A-Za-z0-9]+)=").matcher(block);
            while (name.find()) {
                overrides.add(name.group(1));
            }
        }
        assertThat(overrides).as("--parameter-overrides in the README").contains("SecretsSecretArn", "Budgets");
        assertThat(templateKeys("Parameters")).containsAll(overrides);
    }

    @Test
    void everyCommandOfTheLauncherTheReadmeNamesExists() throws IOException {
        String launcher = read("bin/burnrate");
        Set<String> commands = new TreeSet<>();
        Matcher c = Pattern.compile("(?m)^  ([a-z|-]+)\\)").matcher(launcher);
        while (c.find()) {
            commands.addAll(List.of(c.group(1).split("\\|")));
        }
        Matcher used = Pattern.compile("bin/burnrate ([a-z-]+)").matcher(readme);
        Set<String> named = new TreeSet<>();
        while (used.find()) {
            named.add(used.group(1));
        }
        assertThat(named).contains("check", "test", "backtest");
        assertThat(commands).containsAll(named);
        Matcher script = Pattern.compile("`(bin/[a-z-]+|bench/[a-z-]+)").matcher(readme);
        while (script.find()) {
            assertThat(Path.of(script.group(1))).as("a script the README names").exists();
        }
    }

    @Test
    void everyAlarmOutputAndEventTheReadmeNamesExists() {
        Set<String> resources = templateKeys("Resources");
        Matcher alarm = Pattern.compile("`([A-Za-z]+Alarm)`").matcher(readme);
        int alarms = 0;
        while (alarm.find()) {
            assertThat(resources).as("alarm %s", alarm.group(1)).contains(alarm.group(1));
            alarms++;
        }
        assertThat(alarms).isPositive();
        Set<String> outputs = templateKeys("Outputs");
        Matcher output = Pattern.compile("<([A-Za-z]+?)(?: output)?>").matcher(readme);
        while (output.find()) {
            if (output.group(1).matches("[A-Z][a-zA-Z]+") && !output.group(1).equals("ID")) {
                assertThat(outputs).as("output <%s>", output.group(1)).contains(output.group(1));
            }
        }
        Matcher event = Pattern.compile("events/[a-z-]+\\.json").matcher(readme);
        while (event.find()) {
            assertThat(Path.of(event.group())).as("event file").exists();
        }
    }

    @Test
    void everyConfigurationKeyTheReadmeNamesIsRead() {
        Set<String> known = configurationKeys();
        Matcher key = Pattern.compile("burnrate\\.[a-z][a-z0-9.-]*[a-z0-9]").matcher(readme);
        Set<String> unknown = new TreeSet<>();
        int seen = 0;
        while (key.find()) {
            seen++;
            String k = key.group();
            if (!known.contains(k) && known.stream().noneMatch(p -> p.startsWith(k + "."))) {
                unknown.add(k);
            }
        }
        assertThat(seen).isGreaterThan(20);
        assertThat(unknown).as("burnrate.* keys in the README that no configuration mapping reads").isEmpty();
    }

    @Test
    void everyEnvironmentVariableTheTemplateSetsIsAKeyTheFunctionReads() {
        Set<String> env = new TreeSet<>();
        for (String k : configurationKeys()) {
            env.add(k.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
        }
        Matcher set = Pattern.compile("(?m)^ {8}(?: {2})?(BURNRATE_[A-Z0-9_]+):").matcher(template);
        int count = 0;
        while (set.find()) {
            count++;
            assertThat(env).as("template variable %s", set.group(1)).contains(set.group(1));
        }
        assertThat(count).isGreaterThan(10);
    }

    @Test
    void everyTemplateParameterIsUsed() {
        String resources = template.substring(template.indexOf("\nMappings:"));
        for (String parameter : templateKeys("Parameters")) {
            assertThat(resources).as("parameter %s is referenced", parameter)
                    .containsPattern("(!Ref |\\$\\{)" + parameter + "\\b");
        }
    }

    @Test
    void theDashboardIsJsonAndDrawsOnlyMetricsTheFunctionWrites() throws Exception {
        int start = template.indexOf("      DashboardBody: !Sub\n        - |\n");
        assertThat(start).isPositive();
        int from = template.indexOf('\n', template.indexOf("- |", start)) + 1;
        String body = template.substring(from, template.indexOf("\n        - Ns:", from)).replaceAll("(?m)^ {10}", "")
                .replace("${AWS::Region}", "eu-west-1").replace("${Ns}", "burnrate/stack")
                .replace("${StaleAfterHours}", "12");
        assertThat(body).doesNotContain("${");
        var dashboard = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
        assertThat(dashboard.get("widgets")).hasSizeGreaterThanOrEqualTo(5);
        String writer = read("src/main/java/dev/burnrate/run/SpendMetrics.java");
        Matcher metric = Pattern.compile("MetricName=\\\\\"([A-Za-z0-9]+)").matcher(template);
        int metrics = 0;
        while (metric.find()) {
            metrics++;
            assertThat(writer).as("SpendMetrics writes %s", metric.group(1)).contains("\"" + metric.group(1) + "\"");
        }
        assertThat(metrics).isGreaterThanOrEqualTo(8);
    }

    @Test
    void theLocalRunsVendorListIsTheFunctionsVendors() {
        Matcher vendors = Pattern.compile("(?m)^VENDORS = \\(([^)]*)\\)").matcher(read("bin/lib/local_check.py"));
        assertThat(vendors.find()).as("VENDORS in bin/lib/local_check.py").isTrue();
        Set<String> local = new TreeSet<>();
        for (String id : vendors.group(1).split(",")) {
            if (!id.isBlank()) {
                local.add(id.strip().replace("\"", ""));
            }
        }
        Set<String> function = new TreeSet<>();
        dev.burnrate.testing.VendorFake.ALL.forEach(fake -> function.add(fake.id()));
        assertThat(local).isEqualTo(function);
    }

    /** The top-level keys of one section of the template (Parameters, Resources, Outputs). */
    private Set<String> templateKeys(String section) {
        String body = section(template, "\n" + section + ":\n", "\n\n[A-Z]", false);
        Set<String> keys = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^  ([A-Za-z0-9]+):").matcher(body);
        while (m.find()) {
            keys.add(m.group(1));
        }
        assertThat(keys).as("template section %s", section).isNotEmpty();
        return keys;
    }

    private static String section(String text, String start, String end, boolean literalEnd) {
        int from = text.indexOf(start);
        assertThat(from).as("'%s' in the file", start.strip()).isNotNegative();
        String rest = text.substring(from + start.length());
        if (literalEnd) {
            int to = rest.indexOf(end, rest.indexOf('|'));
            return to < 0 ? rest : rest.substring(0, to);
        }
        Matcher m = Pattern.compile(end).matcher(rest);
        return m.find() ? rest.substring(0, m.start()) : rest;
    }

    /** Every property name the configuration mappings read. */
    static Set<String> configurationKeys() {
        Set<String> keys = new TreeSet<>();
        for (Class<?> mapping : CONFIG_MAPPINGS) {
            String prefix = mapping.getAnnotation(io.smallrye.config.ConfigMapping.class).prefix();
            collect(mapping, prefix, keys);
        }
        return keys;
    }

    private static void collect(Class<?> type, String prefix, Set<String> keys) {
        for (Method method : type.getMethods()) {
            if (method.getParameterCount() > 0 || method.isDefault() || java.lang.reflect.Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            WithName named = method.getAnnotation(WithName.class);
            String name = prefix + "." + (named != null ? named.value() : kebab(method.getName()));
            Class<?> value = valueType(method.getGenericReturnType());
            if (value.isInterface() && value.getName().startsWith("dev.burnrate") && !value.isAnnotation()) {
                collect(value, name, keys);
            } else {
                keys.add(name);
            }
        }
    }

    private static Class<?> valueType(Type type) {
        if (type instanceof ParameterizedType p && p.getRawType() == Optional.class) {
            return valueType(p.getActualTypeArguments()[0]);
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return (Class<?>) type;
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
