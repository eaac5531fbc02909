package io.tradewind.tradegenerator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradewind.model.topology.Deployment;
import io.tradewind.model.wire.WireLimits;
import io.tradewind.platform.cli.CommandLines;
import io.tradewind.platform.cli.Endpoint;
import io.tradewind.platform.cli.ReachesEndpoints;
import io.tradewind.platform.cli.SecretSource;
import io.tradewind.platform.cli.TruststoreOptions;
import io.tradewind.platform.cli.UsageError;
import io.tradewind.platform.gateway.JmsConnections;
import io.tradewind.platform.gateway.JmsLogin;
import io.tradewind.tradegenerator.adapter.jms.JmsParticipant;
import io.tradewind.tradegenerator.adapter.jms.SenderLogins;
import jakarta.jms.JMSException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code post}: what a counterparty's back office does, from a shell. Sends trade or settlement instruction JSON files
 * to a region's inbound queue, each as its participant (logged in as itself), and prints the status reports that come
 * back for them on the participant's private queue until every message has its answer or the timeout passes.
 */
@Command(
        name = "post",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Posts trades or settlement instructions (JSON files; - reads standard input) to a region's inbound queue"
                    + " as a participant, and prints the status reports that come back for them.",
            "Exit code 0 when every message got its answer (a trade whose counterpart was posted with it: the pair's"
                    + " MATCHED or MISMATCHED), 1 when one was REJECTED or the timeout passed first, 2 for a usage error,"
                    + " a broker that cannot be reached or a refused login."
        })
public final class PostCommand implements Callable<Integer>, ReachesEndpoints {
    /** How often the status queues are read while answers are awaited. */
    private static final Duration POLL = Duration.ofMillis(200);

    @Parameters(
            arity = "1..*",
            paramLabel = "FILE",
            description = "A trade (NEW or CANCEL) or a settlement instruction, as the wire contract describes it;"
                    + " - reads one from standard input. A body that is not JSON is posted as it is (and answered"
                    + " REJECTED).")
    List<String> files;

    @Option(
            names = "--region",
            defaultValue = Deployment.PRIMARY_REGION,
            description = "The region to post in: the sandbox's broker there (tcp://127.0.0.1:47n01) unless"
                    + " --broker-url names another. Default: ${DEFAULT-VALUE}")
    String region;

    @Option(
            names = "--broker-url",
            description = "The broker to post to, e.g. ssl://127.0.0.1:47105 (the sandbox with --tls) or Amazon MQ's."
                    + " Default: the sandbox's in --region")
    URI brokerUrl;

    @Option(
            names = "--as",
            paramLabel = "PARTICIPANT",
            description = "The participant to post as (its broker user). Default: each body's senderId (an"
                    + " instruction's party)")
    String as;

    @Option(
            names = "--credentials-file",
            description = "A file of user=password lines holding the participant's password (the sandbox writes"
                    + " <work-dir>/credentials.properties). Default: the environment's "
                    + CommandLines.MQ_PASSWORD_VARIABLE + ", else the sandbox's " + CommandLines.SANDBOX_CREDENTIALS)
    Path credentialsFile;

    @Mixin
    TruststoreOptions tls = new TruststoreOptions();

    @Option(
            names = "--timeout",
            defaultValue = "PT30S",
            description = "How long to wait for the answers (ISO-8601). Default: 30 s")
    Duration timeout;

    @Option(
            names = "--fresh",
            description = "Post each JSON body as a new message of today: a suffix of this run appended to its"
                    + " messageId and tradeRef (instructionId), its tradeDate moved to today and its other dates by as"
                    + " many days. For samples, such as docs/examples/, posted again or on another day.")
    boolean fresh;

    @Option(names = "--json", description = "Print each status report as the JSON it came as, one per line.")
    boolean json;

    @Spec
    CommandSpec spec;

    /** Where the passwords and the standard input come from: the process's, or a test's. */
    Map<String, String> environment = System.getenv();

    InputStream standardInput = System.in;
    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws JMSException {
        if (timeout.isNegative() || timeout.isZero())
            throw new UsageError("--timeout must be positive, was " + timeout);
        List<PostedMessage> messages = read();
        Map<String, List<PostedMessage>> byParticipant = new LinkedHashMap<>();
        for (PostedMessage message : messages)
            byParticipant
                    .computeIfAbsent(participant(message), p -> new ArrayList<>())
                    .add(message);
        Map<String, JmsLogin> logins = new LinkedHashMap<>();
        byParticipant.keySet().forEach(participant -> logins.put(participant, login(participant)));

        PrintWriter out = spec.commandLine().getOut();
        Map<String, Reader> readers = new LinkedHashMap<>();
        try {
            for (var each : byParticipant.entrySet()) {
                String participant = each.getKey();
                for (PostedMessage message : each.getValue()) {
                    String statusQueue = message.app().statusQueueOf(participant);
                    Reader reader = readers.get(statusQueue);
                    if (reader == null) {
                        reader = new Reader(
                                JmsParticipant.connect(
                                        JmsConnections.activeMq(
                                                broker(), logins.get(participant), tls.truststore(environment)),
                                        statusQueue),
                                new ArrayList<>());
                        readers.put(statusQueue, reader);
                    }
                    String queue = message.app().inboundQueue();
                    message.posted(participant, reader.connection().post(queue, message.body(), message.messageId()));
                    reader.messages().add(message);
                    out.printf(
                            Locale.ROOT,
                            "posted %s to %s as %s (%s)%n",
                            message.source(),
                            queue,
                            participant,
                            message.messageId() == null ? "no messageId" : "messageId " + message.messageId());
                }
            }
            out.flush();
            return await(messages, List.copyOf(readers.values()), out);
        } finally {
            for (Reader reader : readers.values()) reader.connection().close();
        }
    }

    /** A status queue being read, on the connection of its participant, for the messages posted there. */
    private record Reader(JmsParticipant connection, List<PostedMessage> messages) {}

    /** Prints every answer as it arrives, until each message has its answer or the timeout passes; the exit code. */
    private int await(List<PostedMessage> messages, List<Reader> readers, PrintWriter out) throws JMSException {
        Instant deadline = clock.instant().plus(timeout);
        while (!messages.stream().allMatch(m -> m.answered(messages))) {
            for (Reader reader : readers)
                for (String body : reader.connection()
                        .take(report -> owner(reader.messages(), report).isPresent())) {
                    JsonNode report = PostedMessage.parse(body);
                    owner(reader.messages(), body).ifPresent(message -> message.answer(report));
                    out.println(json ? body : PostedMessage.describe(report));
                    out.flush();
                }
            if (messages.stream().allMatch(m -> m.answered(messages))) break;
            if (!clock.instant().isBefore(deadline)) {
                PrintWriter err = spec.commandLine().getErr();
                for (PostedMessage message : messages)
                    if (!message.answered(messages))
                        err.println("post: no answer for " + message.name() + " (" + message.source() + ") within "
                                + timeout + (message.status() == null ? "" : "; last " + message.status()));
                err.flush();
                return CommandLines.FAILED;
            }
            pause();
        }
        List<PostedMessage> rejected = messages.stream()
                .filter(m -> PostedMessage.REJECTED.equals(m.status()))
                .toList();
        if (rejected.isEmpty()) return 0;
        PrintWriter err = spec.commandLine().getErr();
        rejected.forEach(m -> err.println("post: " + m.name() + " (" + m.source() + ") was REJECTED"));
        err.flush();
        return CommandLines.FAILED;
    }

    /** The posted message a report on this queue answers, if one does. */
    private static Optional<PostedMessage> owner(List<PostedMessage> messages, String body) {
        JsonNode report = PostedMessage.parse(body);
        if (report == null) return Optional.empty();
        // The latest posted first: a CANCEL's answers name the tradeRef of the NEW before it.
        for (int i = messages.size() - 1; i >= 0; i--)
            if (messages.get(i).answeredBy(report)) return Optional.of(messages.get(i));
        return Optional.empty();
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the answers", e);
        }
    }

    /** Each file's message, made fresh with {@code --fresh}; a file that cannot be read is a usage error. */
    List<PostedMessage> read() {
        String suffix = "-" + Long.toString(clock.millis(), 36).toUpperCase(Locale.ROOT);
        LocalDate today = LocalDate.now(clock);
        List<PostedMessage> messages = new ArrayList<>();
        for (String file : files) {
            PostedMessage message = PostedMessage.read(file, bytesOf(file));
            messages.add(fresh ? message.fresh(suffix, today) : message);
        }
        return messages;
    }

    private byte[] bytesOf(String file) {
        try {
            if (file.equals("-")) return standardInput.readAllBytes();
            return Files.readAllBytes(Path.of(file));
        } catch (IOException | UncheckedIOException e) {
            throw new UsageError("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Who posts {@code message}: {@code --as}, else the sender its body names. */
    String participant(PostedMessage message) {
        String participant = as != null ? as : message.namedSender();
        if (participant == null)
            throw new UsageError(message.source() + " names no sender (not a trade with a senderId nor an instruction"
                    + " with a party): give --as PARTICIPANT");
        if (!WireLimits.isValidId(participant, WireLimits.MAX_ID_LENGTH))
            throw new UsageError("participant '" + WireLimits.echo(participant) + "' is not a participant id (1 to "
                    + WireLimits.MAX_ID_LENGTH + " characters of " + WireLimits.ID_CHARACTERS + ")");
        return participant;
    }

    /**
     * The participant's broker login: its line of {@code --credentials-file}, else {@code TRADEWIND_MQ_PASSWORD}, else
     * its line of the sandbox's credentials file.
     */
    JmsLogin login(String participant) {
        if (credentialsFile != null) return fromFile(credentialsFile, participant, "--credentials-file");
        Optional<String> password = SecretSource.read(null, null, CommandLines.MQ_PASSWORD_VARIABLE, environment);
        if (password.isPresent()) return new JmsLogin(participant, password.get());
        Path sandbox = Path.of(CommandLines.SANDBOX_CREDENTIALS);
        if (!Files.isReadable(sandbox))
            throw new UsageError("no password for " + participant + ": set the environment's "
                    + CommandLines.MQ_PASSWORD_VARIABLE + " or give --credentials-file FILE (the sandbox's "
                    + sandbox + " is not there: is the sandbox running from this directory?)");
        return fromFile(sandbox, participant, "the sandbox's credentials file");
    }

    private static JmsLogin fromFile(Path file, String participant, String what) {
        SenderLogins logins;
        try {
            logins = SenderLogins.fromFile(file);
        } catch (UncheckedIOException e) {
            throw new UsageError(
                    what + " " + file + " cannot be read: " + e.getCause().getMessage(), e);
        }
        return logins.of(participant)
                .orElseThrow(() -> new UsageError(what + " " + file + " has no password for " + participant));
    }

    /** {@code --broker-url}, else the sandbox's broker in {@code --region}. */
    URI broker() {
        return brokerUrl != null
                ? brokerUrl
                : CommandLines.sandboxRegion(region).broker();
    }

    @Override
    public List<Endpoint> endpoints() {
        return List.of(new Endpoint(Endpoint.BROKER, broker().toString(), region, brokerUrl == null));
    }
}
