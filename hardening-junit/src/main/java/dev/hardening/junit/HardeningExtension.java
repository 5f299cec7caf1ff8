package dev.hardening.junit;

import java.lang.reflect.Executable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

import dev.hardening.core.Hardening;
import dev.hardening.core.HostCheck;
import dev.hardening.core.family.CheckFamily;
import dev.hardening.core.family.FamilyRegistry;
import dev.hardening.core.gate.GateOptions;
import dev.hardening.core.host.Host;
import dev.hardening.core.host.HostException;
import dev.hardening.core.policy.ChecksConfig;
import dev.hardening.core.policy.HostSpec;
import dev.hardening.core.policy.Policy;
import dev.hardening.core.policy.PolicyException;
import dev.hardening.core.policy.PolicyLoader;

/** Resolves the hosts and the policy of a {@link HardeningTest}; connections live in the test class's store. */
final class HardeningExtension implements ParameterResolver {
    static final String POLICY_PROPERTY = "hardening.policy";
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(HardeningExtension.class);
    private static final String HOW_TO_GIVE_A_POLICY = "set @HardeningTest(policy = \"path/to/hardening.yml\") on the "
            + "test class, or -D" + POLICY_PROPERTY + "=FILE";

    /** The outcome of reading the policy: the policy, none given, or why it cannot be used. */
    private record LoadedPolicy(Optional<Policy> policy, Optional<String> error) {
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Host.class || type == HostCheck.class || type == Policy.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ExtensionContext classContext = classContext(context);
        Class<?> type = parameter.getParameter().getType();
        if (type == Policy.class) {
            return policy(classContext).orElseThrow(() -> new ParameterResolutionException(describe(parameter)
                    + ": no policy is given: " + HOW_TO_GIVE_A_POLICY));
        }
        String name = parameter.findAnnotation(TargetHost.class).map(TargetHost::value)
                .orElseThrow(() -> new ParameterResolutionException(describe(parameter) + ": say which host it is: "
                        + "@TargetHost(\"web1\") for a host of the policy, or @TargetHost(\"local\") for this machine"));
        HostCheck session = classContext.getStore(NAMESPACE).getOrComputeIfAbsent(Sessions.class)
                .get(name, () -> connect(parameter, name, classContext));
        return type == Host.class ? session.host() : session;
    }

    private HostCheck connect(ParameterContext parameter, String name, ExtensionContext classContext) {
        Optional<Policy> policy = policy(classContext);
        Optional<HostSpec> spec = policy.flatMap(p -> p.hosts().stream().filter(h -> h.name().equals(name)).findFirst());
        if (spec.isEmpty() && name.equals(HostSpec.LOCAL)) {
            spec = Optional.of(HostSpec.local());
        }
        if (spec.isEmpty()) {
            throw new ParameterResolutionException(describe(parameter) + ": " + policy.map(p -> "@TargetHost(\"" + name
                    + "\") names no host of the policy " + p.source().orElse("") + " (its hosts: " + p.hosts().stream()
                            .map(HostSpec::name).collect(Collectors.joining(", ")) + ")")
                    .orElse("@TargetHost(\"" + name + "\") names a host of a policy, but no policy is given: "
                            + HOW_TO_GIVE_A_POLICY));
        }
        try {
            HostSpec host = spec.get();
            // the host's own settings: its groups may override the policy's checks:
            return Hardening.connect(host, policy.map(p -> p.checksFor(host)).orElse(ChecksConfig.DEFAULT),
                    GateOptions.DEFAULT, registry(classContext));
        } catch (HostException e) {
            throw new ParameterResolutionException(describe(parameter) + ": cannot connect to host " + name + ": "
                    + e.getMessage(), e);
        }
    }

    /** The policy of the test class, read once; empty when none is given; an unusable one is an error. */
    private static Optional<Policy> policy(ExtensionContext classContext) {
        LoadedPolicy loaded = classContext.getStore(NAMESPACE).getOrComputeIfAbsent(LoadedPolicy.class,
                key -> load(classContext), LoadedPolicy.class);
        loaded.error().ifPresent(error -> {
            throw new ParameterResolutionException(error);
        });
        return loaded.policy();
    }

    private static LoadedPolicy load(ExtensionContext classContext) {
        Optional<String> location = classContext.getConfigurationParameter(POLICY_PROPERTY).filter(p -> !p.isBlank())
                .or(() -> annotatedPolicy(classContext));
        if (location.isEmpty()) {
            return new LoadedPolicy(Optional.empty(), Optional.empty());
        }
        try {
            return new LoadedPolicy(Optional.of(PolicyLoader.load(Path.of(location.get()), registry(classContext))),
                    Optional.empty());
        } catch (PolicyException e) {
            return new LoadedPolicy(Optional.empty(), Optional.of("cannot use the policy of "
                    + classContext.getRequiredTestClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    /**
     * The families of the test class: those on the class path and those {@code @HardeningTest(families = ...)}
     * names, made once per class.
     */
    static FamilyRegistry registry(ExtensionContext classContext) {
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(FamilyRegistry.class,
                key -> discover(classContext), FamilyRegistry.class);
    }

    private static FamilyRegistry discover(ExtensionContext context) {
        List<CheckFamily<?>> named = new ArrayList<>();
        for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
            c.get().getTestClass().flatMap(type -> AnnotationSupport.findAnnotation(type, HardeningTest.class))
                    .ifPresent(test -> Arrays.stream(test.families()).map(HardeningExtension::instantiate)
                            .forEach(named::add));
        }
        try {
            return FamilyRegistry.discover().with(named.toArray(CheckFamily<?>[]::new));
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException("@HardeningTest(families = ...) of "
                    + context.getRequiredTestClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private static CheckFamily<?> instantiate(Class<? extends CheckFamily<?>> type) {
        try {
            return type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new ExtensionConfigurationException("@HardeningTest(families = " + type.getSimpleName()
                    + ".class): the family needs a public no-argument constructor (" + e + ")", e);
        }
    }

    /** {@code @HardeningTest(policy = ...)} of the class, or of the class it is nested in. */
    private static Optional<String> annotatedPolicy(ExtensionContext context) {
        for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
            Optional<String> policy = c.get().getTestClass()
                    .flatMap(type -> AnnotationSupport.findAnnotation(type, HardeningTest.class))
                    .map(HardeningTest::policy).filter(p -> !p.isBlank());
            if (policy.isPresent()) {
                return policy;
            }
        }
        return Optional.empty();
    }

    /** The test class's context, whose store closes the connections when the class is done. */
    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
            current = current.getParent().get();
        }
        return current;
    }

    private static String describe(ParameterContext parameter) {
        Executable executable = parameter.getDeclaringExecutable();
        String types = Arrays.stream(executable.getParameterTypes()).map(Class::getSimpleName)
                .collect(Collectors.joining(", "));
        return "parameter [" + parameter.getParameter().getType().getSimpleName() + " "
                + parameter.getParameter().getName() + "] of " + executable.getDeclaringClass().getSimpleName() + "."
                + executable.getName() + "(" + types + ")";
    }

    /** The open sessions of one test class, by host name; closed with the class. */
    static final class Sessions implements AutoCloseable {
        private final Map<String, HostCheck> open = new LinkedHashMap<>();

        synchronized HostCheck get(String name, Supplier<HostCheck> connect) {
            HostCheck session = open.get(name);
            if (session == null) {
                session = connect.get();
                open.put(name, session);
            }
            return session;
        }

        @Override
        public synchronized void close() {
            open.values().forEach(HostCheck::close);
            open.clear();
        }
    }
}
