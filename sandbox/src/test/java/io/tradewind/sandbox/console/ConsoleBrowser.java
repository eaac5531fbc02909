package io.tradewind.sandbox.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver: nothing is downloaded (the machine's network is
 * closed, and without the background-networking flags Chromium stalls trying). Screenshots go to {@link #SCREENSHOTS}.
 */
final class ConsoleBrowser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    private final Path profile;
    final ChromeDriver driver;

    ConsoleBrowser() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER))
            throw new IllegalStateException(CHROMIUM + " and " + CHROMEDRIVER
                    + " are needed: apt-get install chromium chromium-driver (.ci/run installs them)");
        try {
            profile = Files.createTempDirectory("console-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments(
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--window-size=1600,1300",
                        "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    /**
     * Opens {@code url}; when the console shows its sign-in form ({@code /login}, fields {@code username} and {@code
     * password}), signs in as {@code user}.
     */
    void open(URI url, String user, String password) {
        driver.get(url.toString());
        signIn(driver, user, password);
    }

    /** Fills Spring Security's form at {@code /login} when the page shows it; does nothing otherwise. */
    static void signIn(WebDriver driver, String user, String password) {
        List<WebElement> username = driver.findElements(By.name("username"));
        if (username.isEmpty() || user == null) return;
        username.get(0).sendKeys(user);
        driver.findElement(By.name("password")).sendKeys(password);
        driver.findElement(By.cssSelector("button[type=submit], input[type=submit]"))
                .click();
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(d -> !d.findElements(By.id("apps")).isEmpty());
    }

    WebDriverWait waitUpTo(Duration timeout) {
        WebDriverWait wait = new WebDriverWait(driver, timeout);
        wait.pollingEvery(Duration.ofMillis(250));
        // The dashboard redraws what it polls every two seconds: an element found just before is gone just after.
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    WebElement byTestId(String id) {
        return driver.findElement(By.cssSelector("[data-testid='" + id + "']"));
    }

    /** The element's text, or "" while the page does not show it. */
    String text(String testId) {
        return fresh(testId, element -> element.getText().trim());
    }

    /** The element's attribute as the page has it now, or "" while the page does not show the element. */
    String attribute(String testId, String name) {
        return fresh(testId, element -> String.valueOf(element.getDomAttribute(name)));
    }

    /** Reads the element as the page has it now, finding it again when a redraw replaced it meanwhile. */
    private String fresh(String testId, Function<WebElement, String> read) {
        StaleElementReferenceException stale = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            List<WebElement> found = driver.findElements(By.cssSelector("[data-testid='" + testId + "']"));
            if (found.isEmpty()) return "";
            try {
                return read.apply(found.get(0));
            } catch (StaleElementReferenceException e) {
                stale = e;
            }
        }
        throw stale;
    }

    /** Saves the page as {@code target/console-screenshots/<name>.png}; returns where. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The whole page, however long, as one picture: the window is made as tall as the page for the shot. */
    Path wholePageScreenshot(String name) {
        return pageScreenshot(name, "document.documentElement.scrollHeight");
    }

    /** The page from its top down to the bottom of the element with this test id. */
    Path screenshotDownTo(String name, String testId) {
        return pageScreenshot(
                name,
                "document.querySelector(\"[data-testid='" + testId + "']\").getBoundingClientRect().bottom"
                        + " + window.scrollY + 16");
    }

    private Path pageScreenshot(String name, String heightExpression) {
        Dimension window = driver.manage().window().getSize();
        Object height = driver.executeScript("window.scrollTo(0, 0); return " + heightExpression);
        driver.manage().window().setSize(new Dimension(window.getWidth(), ((Number) height).intValue() + 120));
        try {
            return screenshot(name);
        } finally {
            driver.manage().window().setSize(window);
        }
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }
}
