package io.tradewind.sandbox.readme;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How the build exercises each command the READMEs show ({@link ReadmeCommands}): run for real (its exit code and a line
 * of what it prints checked), run until it prints the line that says it started and then stopped, run by {@code
 * .ci/run} after {@code ./mvnw -B verify} (the README's Maven commands), or not runnable here and why. Commands marked
 * {@code onSandbox} run, in this table's order, against the README's own sandbox ({@code ./tradewind sandbox}, on its
 * fixed ports and its work dir {@code target/sandbox}), so their text runs unchanged. {@code ReadmeTableTest} fails on a
 * command the READMEs show that this table does not list (and on an entry no README shows any more); {@code
 * ReadmeCommandsIT} runs the entries.
 *
 * <p>To add a command: add an entry whose {@code shown} is the command exactly as {@code ReadmeTableTest}'s message
 * quotes it (continuation lines joined, comments and surplus spaces dropped), with {@link #run}, {@link #onSandbox},
 * {@link #untilStarted}, {@link #ciStep} or {@link #notHere}. A command shown with placeholders or optional
 * {@code [...]} parts runs as the entry's {@code run} text; {@code {ID}} there is the last execution id a command
 * printed, {@code {VIEWER_PASSWORD}} the sandbox's viewer's password.
 */
final class ReadmeTable {
    private ReadmeTable() {}

    enum How {
        /** Run to its end: exit code and a line of its output checked. */
        RUN,
        /** Run until it prints {@code expect}, then stopped (SIGTERM): a command that runs for minutes or for ever. */
        UNTIL_STARTED,
        /** The README's own sandbox: started first, the {@code onSandbox} entries run against it, then stopped. */
        SANDBOX,
        /** A Maven build: {@code .ci/run} runs {@code run} after {@code ./mvnw -B verify}. */
        CI_STEP,
        /** Not runnable on the build's machines; {@code why} says why. */
        NOT_HERE
    }

    /**
     * @param shown the command as the README shows it
     * @param run what runs, from the repository's root ({@code shown} unless it has placeholders)
     * @param onSandbox whether it needs the README's sandbox running
     * @param exit the exit code expected of a {@link How#RUN}
     * @param expect a line (or part of one) its output must contain: for {@link How#UNTIL_STARTED}, the start line
     * @param why for {@link How#NOT_HERE} and substitutions: why
     */
    record Entry(String shown, How how, String run, boolean onSandbox, int exit, String expect, String why) {}

    /** How long a command may take: the README's sandbox starts in about a minute on two busy cores. */
    static final Duration BOUND = Duration.ofMinutes(4);

    private static final String OPS_CONSOLE = "java -jar ops-console/target/ops-console-0.1.0-SNAPSHOT-exec.jar";
    private static final String REGISTRY = "needs a container registry and a base image pulled from Docker Hub, neither"
            + " reachable here; ImagesIT checks the images the build makes as tars";
    private static final String DOCKER =
            "needs a Docker engine; ComposeFileTest checks docker-compose.yml against the code";
    private static final String TERRAFORM = "needs the AWS provider (not downloadable here) and an AWS account;"
            + " module deployment checks the Terraform";
    /**
     * A long command's start: its options were taken and it started its emulators (the embedded broker's first line);
     * a usage error exits 2 before. What each then does is the business of its own tests (RotationDrillIT, the
     * sandbox's ITs); here, that the README's text still starts it.
     */
    private static final String EMULATORS_STARTING = "[local-aws-start]";

    /** Blocks that show output or a diagram, not commands, by their first line. */
    static final List<String> OUTPUT_BLOCKS = List.of(
            "us-east-1: routing controls On", // How a trade flows: the diagram
            "read from trade-matching in us-east-1's database", // what quarantine list prints
            "replayed trade-matching quarantine entry", // what quarantine replay prints
            "posted docs/examples/trade-BRK042.json"); // what the first example's post prints

    static final List<Entry> ENTRIES = List.of(
            // Run it
            notHere(
                    "./mvnw -B -DskipTests install",
                    "installs into ~/.m2, which the build leaves alone; the jars it makes are the ones this build's"
                            + " package phase made, which the commands here run"),
            sandbox("./tradewind sandbox", "Tradewind sandbox is running; press Ctrl-C to stop."),
            ciStep("./mvnw -B verify", "./mvnw -B verify", "the build itself"),
            run("./tradewind --help", 0, "Usage: ./tradewind COMMAND"),
            run("./tradewind sandbox --help", 0, "--exit-after-start"),
            run("./tradewind post", "./tradewind post --help", 0, "--fresh", "named in the text: its options"),
            untilStarted("./tradewind sandbox --generator-on", EMULATORS_STARTING),
            // The tools
            run("./tradewind load-test --help", 0, "--warmup-pairs"),
            untilStarted(
                    "./tradewind drill [--rate 200] [--steady PT15S] [--settle-timeout PT5M] [--skip-failover]",
                    "./tradewind drill --rate 200 --steady PT15S --settle-timeout PT5M --skip-failover",
                    EMULATORS_STARTING),
            ciStep(
                    "./mvnw -B -q -pl trade-matching -am -Pbenchmarks test -DskipTests"
                            + " -Djmh.args=\"-wi 2 -i 3 -f 1 -w 2s -r 3s\"",
                    "./mvnw -B -q -pl trade-matching -am -Pbenchmarks test -DskipTests"
                            + " -Djmh.args=\"-wi 0 -i 1 -f 1 -r 1s\"",
                    "one short iteration: the command works, the figures are measured by hand"),
            untilStarted("./tradewind load-test --pairs 5000 --rate 500", EMULATORS_STARTING),
            untilStarted("./tradewind load-test --settle --pairs 3000 --rate 100", EMULATORS_STARTING),
            untilStarted(
                    "java -XX:+UseParallelGC -XX:ReservedCodeCacheSize=240m -jar sandbox/target/tradewind-sandbox.jar"
                            + " load-test --settle --pairs 8000 --rate 300 --warmup-pairs 10000",
                    EMULATORS_STARTING),
            // Containers
            notHere(
                    "java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx32m -cp @/app/jib-classpath-file"
                            + " io.tradewind.platform.probe.HealthCheck readiness",
                    "runs inside an image (/app/jib-classpath-file); ImagesIT checks the class is on that classpath"),
            notHere(
                    "./mvnw -B -DskipTests package jib:build -Dimage.name=<registry>/tradewind/<deployable> -pl"
                            + " <deployable> -am",
                    REGISTRY),
            notHere(
                    "./mvnw -B -DskipTests package jib:dockerBuild -pl"
                            + " trade-matching,settlement-matching,trade-generator,reconciliation-replay,ops-console -am",
                    REGISTRY),
            notHere("docker compose up -d", DOCKER),
            notHere("docker compose ps", DOCKER),
            notHere("docker compose --profile generator up -d trade-generator", DOCKER),
            notHere("docker compose --profile tools run --rm reconciliation-replay", DOCKER),
            notHere("docker compose down -v", DOCKER),
            ciStep(
                    "./mvnw -B -Ptestcontainers verify -pl shared-model,local-aws,platform,trade-matching"
                            + " -Dit.test=TradeMatchingContainersIT",
                    "./mvnw -B -Ptestcontainers verify -pl shared-model,local-aws,platform,trade-matching"
                            + " -Dit.test=TradeMatchingContainersIT -Dtest=NoSuchTest"
                            + " -Dsurefire.failIfNoSpecifiedTests=false -Djib.skip",
                    "the unit tests ran and the images were built in verify; without a Docker engine the test is"
                            + " skipped, so this checks that the profile and the selection work"),
            // terraform/README.md
            notHere("cd terraform", TERRAFORM),
            notHere("cp terraform.tfvars.example terraform.tfvars", TERRAFORM),
            notHere("terraform init", TERRAFORM),
            notHere("terraform validate", TERRAFORM),
            notHere("terraform plan -out tradewind.plan", TERRAFORM),
            notHere("terraform apply tradewind.plan", TERRAFORM),
            notHere(
                    "aws route53-recovery-cluster update-routing-control-states --region <endpoint's region>"
                            + " --endpoint-url <endpoint> --update-routing-control-state-entries"
                            + " RoutingControlArn=<trade-matching-processing-us-east-1's ARN>,RoutingControlState=On ...",
                    "needs an AWS account; ArcRoutingControls' tests call the same API on the local ARC cluster"),
            notHere(
                    "aws ecs run-task --region us-west-2 --cluster tradewind --launch-type FARGATE --task-definition"
                            + " <terraform output reconciliation_task_definitions> --network-configuration"
                            + " 'awsvpcConfiguration={subnets=[...],securityGroups=[<task_security_group_ids>]}'",
                    TERRAFORM),

            // On the README's sandbox, in this order: what reads first, then what changes (the rotation last).
            onSandbox(
                    "./tradewind post --fresh docs/examples/trade-BRK042.json docs/examples/trade-IM042.json",
                    0,
                    "(IM042): MATCHED"),
            onSandbox(
                    "java -jar trade-generator/target/trade-generator-0.1.0-SNAPSHOT-exec.jar post --broker-url ..."
                            + " FILE...",
                    "java -jar trade-generator/target/trade-generator-0.1.0-SNAPSHOT-exec.jar post --broker-url"
                            + " tcp://127.0.0.1:47101 --fresh docs/examples/trade-BRK042.json"
                            + " docs/examples/trade-IM042.json",
                    0,
                    "(BRK042): MATCHED",
                    "the first example's pair again (--fresh: new ids), to us-east-1's broker by its URL"),
            onSandbox(
                    "java -jar reconciliation-replay/target/reconciliation-replay-0.1.0-SNAPSHOT-exec.jar --app"
                            + " trade-matching --window PT24H",
                    0,
                    "trade-matching in us-east-1"),
            onSandbox(OPS_CONSOLE + " rotate --from us-east-1 --to us-west-2 --dry-run", 0, "dry run"),
            onSandbox(
                    "curl -u sre-viewer:<password> http://127.0.0.1:<port>/api/...",
                    "curl -sS -f -u sre-viewer:{VIEWER_PASSWORD} http://127.0.0.1:48080/api/overview",
                    0,
                    "trade-matching",
                    "the viewer's password from target/sandbox/console-logins.properties, the console's fixed port"),
            onSandbox(
                    "TRADEWIND_CONSOLE_USER=sre-viewer " + OPS_CONSOLE + " rotate --from us-east-1 --to us-west-2",
                    2,
                    "console user sre-viewer has roles [VIEWER]; rotate needs OPERATOR"),
            output(
                    "console user sre-viewer has roles [VIEWER]; rotate needs OPERATOR",
                    "what the command above prints, checked by its entry"),
            onSandbox(
                    OPS_CONSOLE + " quarantine list [--app trade-matching|settlement-matching] [--region R] [--since"
                            + " 2026-12-07T00:00:00Z] [--limit 50]",
                    OPS_CONSOLE + " quarantine list --app trade-matching --region us-east-1 --since"
                            + " 2026-12-07T00:00:00Z --limit 50",
                    0,
                    "entries",
                    "every option given"),
            onSandbox(
                    OPS_CONSOLE + " quarantine show ID --app trade-matching [--region R] [--max-payload-bytes 4096]",
                    OPS_CONSOLE + " quarantine show 'ingestion|shardId-000000000000|1' --app trade-matching --region"
                            + " us-east-1 --max-payload-bytes 4096",
                    1,
                    "",
                    "a fresh sandbox has quarantined nothing: an id it does not hold is refused"),
            onSandbox(
                    OPS_CONSOLE + " quarantine replay ID --app trade-matching [--region R]",
                    OPS_CONSOLE + " quarantine replay 'ingestion|shardId-000000000000|1' --app trade-matching --region"
                            + " us-east-1",
                    1,
                    "UNKNOWN_ID",
                    "a fresh sandbox has quarantined nothing: an id it does not hold is refused"),
            onSandbox(
                    OPS_CONSOLE + " participant add BRK009 --role BROKER [--role INVESTMENT_MANAGER] [--region R]",
                    OPS_CONSOLE + " participant add BRK009 --role BROKER --role INVESTMENT_MANAGER --region us-east-1",
                    0,
                    "BRK009",
                    "every option given"),
            onSandbox(OPS_CONSOLE + " participant list", 0, "BRK009"),
            onSandbox(OPS_CONSOLE + " participant suspend BRK009", 0, "BRK009"),
            onSandbox(OPS_CONSOLE + " participant resume BRK009", 0, "BRK009"),
            onSandbox(OPS_CONSOLE + " participant reset-secret BRK009", 0, "BRK009"),
            onSandbox(OPS_CONSOLE + " rotate --from us-east-1 --to us-west-2", 0, "SUCCEEDED"),
            onSandbox(OPS_CONSOLE + " failover --from us-west-2 --to us-east-1", 0, "SUCCEEDED"),
            onSandbox(OPS_CONSOLE + " executions", 0, "SUCCEEDED"),
            onSandbox(
                    OPS_CONSOLE + " execution ID",
                    OPS_CONSOLE + " execution {ID}",
                    0,
                    "PRE_FLIGHT",
                    "the failover's id, printed by the command above"),
            onSandbox(
                    OPS_CONSOLE + " resume ID",
                    OPS_CONSOLE + " resume {ID}",
                    1,
                    "",
                    "the failover, which SUCCEEDED: refused, with its reason"),
            onSandbox(
                    OPS_CONSOLE + " abort ID",
                    OPS_CONSOLE + " abort {ID}",
                    1,
                    "",
                    "the failover, which SUCCEEDED: refused, with its reason"),
            onSandbox(
                    OPS_CONSOLE + " confirm ID",
                    OPS_CONSOLE + " confirm {ID}",
                    1,
                    "",
                    "the failover, which SUCCEEDED: refused, with its reason"),
            untilStartedOnSandbox(
                    "java -jar trade-generator/target/trade-generator-0.1.0-SNAPSHOT-exec.jar --broker-url"
                            + " tcp://localhost:47101 --rate 50 --pairs 1000 --seed 42 --run-id demo1 --outcomes-file"
                            + " target/outcomes.jsonl",
                    "trade generator run demo1 posting at"));

    static boolean isOutputBlock(String firstLine) {
        return OUTPUT_BLOCKS.stream().anyMatch(firstLine::startsWith);
    }

    static Optional<Entry> of(String shown) {
        return ENTRIES.stream().filter(e -> e.shown().equals(shown)).findFirst();
    }

    private static Entry run(String shown, int exit, String expect) {
        return new Entry(shown, How.RUN, shown, false, exit, expect, "");
    }

    private static Entry run(String shown, String run, int exit, String expect, String why) {
        return new Entry(shown, How.RUN, run, false, exit, expect, why);
    }

    private static Entry onSandbox(String shown, int exit, String expect) {
        return new Entry(shown, How.RUN, shown, true, exit, expect, "");
    }

    private static Entry onSandbox(String shown, String run, int exit, String expect, String why) {
        return new Entry(shown, How.RUN, run, true, exit, expect, why);
    }

    private static Entry sandbox(String shown, String startLine) {
        return new Entry(shown, How.SANDBOX, shown, false, 0, startLine, "");
    }

    private static Entry untilStarted(String shown, String startLine) {
        return new Entry(shown, How.UNTIL_STARTED, shown, false, 0, startLine, "");
    }

    private static Entry untilStarted(String shown, String run, String startLine) {
        return new Entry(shown, How.UNTIL_STARTED, run, false, 0, startLine, "optional parts given");
    }

    private static Entry untilStartedOnSandbox(String shown, String startLine) {
        return new Entry(shown, How.UNTIL_STARTED, shown, true, 0, startLine, "");
    }

    private static Entry ciStep(String shown, String run, String why) {
        return new Entry(shown, How.CI_STEP, run, false, 0, "", why);
    }

    private static Entry notHere(String shown, String why) {
        return new Entry(shown, How.NOT_HERE, "", false, 0, "", why);
    }

    /** A line of a command block that shows what the command before it prints. */
    private static Entry output(String shown, String why) {
        return new Entry(shown, How.NOT_HERE, "", false, 0, "", why);
    }
}
