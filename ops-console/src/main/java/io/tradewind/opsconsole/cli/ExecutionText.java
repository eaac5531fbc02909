package io.tradewind.opsconsole.cli;

import io.tradewind.opsconsole.runbook.OperatorAction;
import io.tradewind.opsconsole.runbook.RotationExecution;
import io.tradewind.opsconsole.runbook.StepRecord;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/** How the command line prints the runbook's executions: a table of many, the steps of one. */
final class ExecutionText {
    private ExecutionText() {}

    private static final String ROW = "%-36s  %-20s  %-20s  %-8s  %-36s  %-21s  %-22s  %s";

    /** One line per execution, newest first as given: id, started, operator, mode, apps, from -> to, outcome, RTO. */
    static String table(List<RotationExecution> executions) {
        StringBuilder text = new StringBuilder(
                String.format(ROW, "EXECUTION", "STARTED", "OPERATOR", "MODE", "APPS", "FROM -> TO", "OUTCOME", "RTO"));
        for (RotationExecution execution : executions)
            text.append(System.lineSeparator())
                    .append(String.format(
                            ROW,
                            execution.executionId(),
                            execution.startedAt().truncatedTo(ChronoUnit.SECONDS),
                            execution.operator(),
                            execution.mode(),
                            String.join(",", execution.apps()),
                            execution.source() + " -> " + execution.target(),
                            execution.outcome()
                                    + execution
                                            .currentStep()
                                            .filter(step -> !execution.ended())
                                            .map(step -> " @" + step)
                                            .orElse(""),
                            rto(execution)));
        return text.toString();
    }

    /** The RTO an SRE quotes: until every left-behind input resolved, else until the target processed new ones. */
    static String rto(RotationExecution execution) {
        Optional<Duration> rto = execution.rtoToResolved().or(execution::rtoToProcessing);
        return rto.map(ExecutionText::seconds).orElse("-");
    }

    /** One execution: who, what, its steps with durations and details, its operators' actions and how it ended. */
    static String details(RotationExecution execution) {
        StringBuilder text = new StringBuilder();
        line(text, "execution   " + execution.executionId());
        line(text, "operator    " + execution.operator());
        line(
                text,
                "mode        " + execution.mode() + " of " + String.join(", ", execution.apps()) + ": "
                        + execution.source() + " -> " + execution.target());
        line(
                text,
                "started     " + execution.startedAt()
                        + (execution.ended()
                                ? ", ended " + execution.finishedAt() + " (" + seconds(execution.took()) + ")"
                                : ", last recorded " + execution.finishedAt()));
        line(text, "outcome     " + execution.outcome());
        line(
                text,
                "RTO         to processing "
                        + execution
                                .rtoToProcessing()
                                .map(ExecutionText::seconds)
                                .orElse("-") + ", to resolved "
                        + execution.rtoToResolved().map(ExecutionText::seconds).orElse("-"));
        execution
                .databaseLoss()
                .forEach((app, loss) -> line(
                        text,
                        "lost        " + app + ": " + count(loss.lostChanges()) + " changes, "
                                + count(loss.lostMillis()) + " ms"));
        execution.replayed().forEach((app, count) -> line(text, "replayed    " + app + ": " + count));
        line(text, "steps");
        int number = 1;
        for (StepRecord step : execution.steps())
            line(
                    text,
                    String.format(
                            "  %d. %-22s %-8s %8s  %s",
                            number++,
                            step.step(),
                            step.outcome(),
                            step.outcome() == StepRecord.Outcome.NOT_RUN ? "" : seconds(step.took()),
                            step.detail()));
        if (!execution.actions().isEmpty()) {
            line(text, "actions");
            for (OperatorAction action : execution.actions())
                line(
                        text,
                        "  " + action.at().truncatedTo(ChronoUnit.SECONDS) + "  " + action.kind() + " by "
                                + action.operator());
        }
        text.append("message     ").append(execution.message());
        return text.toString();
    }

    private static void line(StringBuilder text, String line) {
        text.append(line).append(System.lineSeparator());
    }

    private static String count(long value) {
        return value < 0 ? "uncounted" : Long.toString(value);
    }

    private static String seconds(Duration duration) {
        return String.format("%.1f s", duration.toMillis() / 1000.0);
    }
}
