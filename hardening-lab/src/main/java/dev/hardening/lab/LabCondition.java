package dev.hardening.lab;

import java.util.Optional;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Runs lab tests where the lab can run; elsewhere skips them, or fails them where the lab is required. */
final class LabCondition implements ExecutionCondition {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LabCondition.class);

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        // asked once per test run: the engine and the image do not come and go between tests
        Optional<?> reason = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent("reason", k -> LabImage.unavailableReason(), Optional.class);
        if (reason.isEmpty()) {
            return ConditionEvaluationResult.enabled("lab image " + LabImage.name() + " is available");
        }
        if (LabImage.required()) {
            throw new ExtensionConfigurationException("lab hosts are required here but cannot start: " + reason.get());
        }
        return ConditionEvaluationResult.disabled("lab hosts cannot start: " + reason.get());
    }
}
