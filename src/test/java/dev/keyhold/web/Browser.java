package dev.keyhold.web;

import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through /usr/bin/chromedriver (platform notes §6), on a fresh profile that may use
 * the clipboard. Writes screenshots to {@code target/screenshots}. Without the browser the test is skipped, except
 * under CI ({@code CI=true}), where {@code .ci/run} installs it and its absence is a failure.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final ChromeDriver driver;

    final String base;

    private final Path profile;

    private Browser(String base) throws IOException {
        this.base = base;
        this.profile = Files.createTempDirectory("keyhold-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-default-apps",
                "--disable-extensions",
                "--no-first-run",
                "--disable-quic",
                "--window-size=1280,900",
                "--user-data-dir=" + this.profile);
        // the page may write to and read from the clipboard without a prompt, so "Click to copy" can be checked
        options.setExperimentalOption(
                "prefs",
                Map.of(
                        "profile.content_settings.exceptions.clipboard",
                        Map.of("[*.],*", Map.of("last_modified", 0, "setting", 1))));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        this.driver = new ChromeDriver(service, options);
    }

    /** A browser for the server on the port; skips the test when Chromium is missing outside CI. */
    static Browser start(int port) throws IOException {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI needs " + CHROMIUM + " and " + CHROMEDRIVER
                    + "; .ci/run installs them with apt-get install chromium chromium-driver");
        }
        assumeThat(present).as("Chromium and chromedriver installed").isTrue();
        return new Browser("http://127.0.0.1:" + port);
    }

    void open(String path) {
        this.driver.get(this.base + path);
    }

    WebElement find(String css) {
        return new WebDriverWait(this.driver, Duration.ofSeconds(10))
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    void type(String css, String text) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(text);
    }

    void click(String css) {
        new WebDriverWait(this.driver, Duration.ofSeconds(10))
                .until(ExpectedConditions.elementToBeClickable(By.cssSelector(css)))
                .click();
    }

    String path() {
        return this.driver.getCurrentUrl().substring(this.base.length());
    }

    void resize(int width, int height) {
        this.driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Saves a screenshot as {@code target/screenshots/<name>.png}. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = this.driver.getScreenshotAs(OutputType.FILE);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void close() {
        try {
            this.driver.quit();
        } finally {
            try (var files = Files.walk(this.profile)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a leftover temporary profile is harmless
            }
        }
    }
}
