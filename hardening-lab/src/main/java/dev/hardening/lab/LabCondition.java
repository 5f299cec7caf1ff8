package dev.hardening.lab;

import java.util.Optional;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/** Runs lab tests where the lab can run; elsewhere skips them, or fails them where the lab is required. */
final class LabCondition implements ExecutionCondition {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LabCondition.class);

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        RequiresLab.Image image = AnnotationSupport.findAnnotation(context.getElement(), RequiresLab.class)
                .or(() -> context.getTestClass().flatMap(c -> AnnotationSupport.findAnnotation(c, RequiresLab.class)))
                .map(RequiresLab::value).orElse(RequiresLab.Image.DEBIAN);
        String name = image == RequiresLab.Image.RPM ? RpmLabHost.imageName() : LabImage.name();
        // asked once per test run and image: the engine and the images do not come and go between tests
        Optional<?> reason = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("reason " + image,
                k -> image == RequiresLab.Image.RPM ? RpmLabHost.unavailableReason() : LabImage.unavailableReason(),
                Optional.class);
        if (reason.isEmpty()) {
            return ConditionEvaluationResult.enabled("lab image " + name + " is available");
        }
        if (LabImage.required()) {
            throw new ExtensionConfigurationException("lab hosts are required here but cannot start: " + reason.get());
        }
        return ConditionEvaluationResult.disabled("lab hosts cannot start: " + reason.get());
    }
}
