package dev.hardening.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;

import dev.hardening.core.family.FamilyRegistry;

/** The published schema and reference against the loader, and every policy of the repository against the schema. */
class PolicySchemaTest {
    private static final Path REPOSITORY = Path.of(System.getProperty("user.dir")).getParent();
    private static final Path SCHEMA = REPOSITORY.resolve("docs/policy.schema.json");
    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL);

    @Test
    void theCommittedSchemaIsTheOneTheLoadersRecordsMake() throws IOException {
        assertThat(Files.readString(SCHEMA)).as("docs/policy.schema.json is stale: write PolicySchema.generate("
                + "FamilyRegistry.discover()) to it").isEqualTo(PolicySchema.generate(FamilyRegistry.discover()));
    }

    @Test
    void everyKeyTheLoaderReadsIsInTheReference() throws IOException {
        String reference = Files.readString(REPOSITORY.resolve("docs/policy.md"));

        assertThat(PolicySchema.keys(FamilyRegistry.discover()))
                .filteredOn(key -> !reference.contains("`" + key + "`")).as("keys missing from docs/policy.md").isEmpty();
    }

    @Test
    void everyPolicyOfTheRepositoryValidatesAgainstTheSchema() throws IOException {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(Files.readString(SCHEMA));
        List<String> policies = new ArrayList<>();
        try (Stream<Path> files = Files.walk(REPOSITORY)) {
            files.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml"))
                    .filter(f -> !f.toString().contains("/target/") && !f.toString().contains("/.git/"))
                    // Ansible's vars files next to an inventory are not policies
                    .filter(f -> !f.toString().contains("/group_vars/") && !f.toString().contains("/host_vars/"))
                    .forEach(f -> policies.add(read(f)));
        }
        for (String doc : List.of("README.md", "docs/policy.md")) {
            Matcher block = YAML_BLOCK.matcher(Files.readString(REPOSITORY.resolve(doc)));
            while (block.find()) {
                policies.add(block.group(1));
            }
        }

        assertThat(policies).hasSizeGreaterThan(3);
        for (String policy : policies) {
            Set<ValidationMessage> problems = schema.validate(new YAMLMapper().readTree(policy));
            assertThat(problems).as(policy).isEmpty();
        }
    }

    @Test
    void theSchemaCatchesAMisspeltKeyAndAWaiverThatNamesNothing() throws IOException {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(Files.readString(SCHEMA));

        JsonNode typo = new YAMLMapper().readTree("hosts:\n  - address: 198.18.0.2\n    adress: x\n");
        JsonNode empty = new YAMLMapper().readTree("waivers:\n  - check: ssh.key-only\n    reason: r\n    expires: 2027-01-31\n");

        assertThat(schema.validate(typo)).isNotEmpty();
        assertThat(schema.validate(empty)).isNotEmpty();
        assertThat(schema.validate(new ObjectMapper().readTree("{\"checks\":{\"loginBanner\":{\"mustContain\":\"x\"}}}")))
                .as("a plugin's own family section").isEmpty();
    }

    @Test
    void defaultsAndGroupsTakeTheHostsFieldSchemas() throws IOException {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(Files.readString(SCHEMA));

        assertThat(schema.validate(new YAMLMapper().readTree("defaults: { sudo: maybe }\n"))).as("a host field's type").isNotEmpty();
        assertThat(schema.validate(new YAMLMapper().readTree("defaults: { address: x }\n"))).as("no address").isNotEmpty();
        assertThat(schema.validate(new YAMLMapper().readTree("groups: { web: { user: x } }\n"))).as("no members").isNotEmpty();
        assertThat(schema.validate(new YAMLMapper().readTree("groups: { web: { hosts: [w*], checks: { ports: "
                + "{ publicAlowed: [] } } } }\n"))).as("a misspelt key in a group's checks").isNotEmpty();
        assertThat(schema.validate(new YAMLMapper().readTree("groups: { web: { hosts: [w*], port: 2222, checks: "
                + "{ ports: { publicAllowed: [443/tcp] } } } }\n"))).isEmpty();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
