package io.nst.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nst.Images;
import io.nst.RunSettings;
import io.nst.testing.TestMirror;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in a real browser (Debian's headless Chromium and chromedriver): a photo uploaded
 * comes back stylized, Gatys shows its progress and previews, a text file gets a clear error.
 */
class PageTest {

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    @TempDir
    static Path dir;

    private static StyleServer server;
    private static WebDriver browser;
    private static Path photo;
    private static Path painting;

    @BeforeAll
    static void start() throws Exception {
        assertTrue(
                new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute(),
                "the browser tests need Debian's chromium and chromium-driver: apt-get install chromium chromium-driver (see the README's set-up)");
        server = StyleServer.builder()
                .port(0)
                .host("127.0.0.1")
                .settings(RunSettings.builder()
                        .repository(TestMirror.repository())
                        .build())
                .build();
        photo = dir.resolve("photo.jpg");
        Files.write(
                photo,
                StyleServerTest.jpeg(
                        Images.resize(Images.read(TestMirror.file("images/content/tubingen.jpg")), 160, 120)));
        painting = dir.resolve("painting.jpg");
        Files.write(
                painting,
                StyleServerTest.jpeg(
                        Images.resizeLongSide(Images.read(TestMirror.file("images/style/starry_night.jpg")), 160)));
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM)
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    private void open() {
        browser.get("http://127.0.0.1:" + server.port() + "/");
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(d -> d.findElements(By.cssSelector("#model option")).size() == 9);
    }

    @ParameterizedTest(name = "{0} px wide")
    @ValueSource(ints = {390, 1280})
    void thePageFitsAPhoneAndADeskWithTheResultBesideThePhoto(int width) throws Exception {
        browser.manage().window().setSize(new Dimension(width, 900));
        try {
            open();
            Path large = dir.resolve("large.jpg");
            Files.write(
                    large,
                    StyleServerTest.jpeg(
                            Images.resize(Images.read(TestMirror.file("images/content/tubingen.jpg")), 1024, 768)));
            browser.findElement(By.id("content")).sendKeys(large.toString());
            browser.findElement(By.id("size")).sendKeys("256");
            browser.findElement(By.id("go")).click();
            waitForResult(Duration.ofSeconds(60));
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> naturalWidth("model-thumb") == 96L);
            assertTrue(browser.findElement(By.id("photo")).isDisplayed());
            assertTrue(browser.findElement(By.id("result")).isDisplayed());
            JavascriptExecutor js = (JavascriptExecutor) browser;
            long scrollWidth = ((Number) js.executeScript("return document.documentElement.scrollWidth")).longValue();
            long viewport = ((Number) js.executeScript("return window.innerWidth")).longValue();
            assertTrue(scrollWidth <= viewport, "nothing wider than the screen: " + scrollWidth + " > " + viewport);
            long resultRight = ((Number)
                            js.executeScript("return document.getElementById('result').getBoundingClientRect().right"))
                    .longValue();
            assertTrue(resultRight <= viewport, "the result fits: " + resultRight + " > " + viewport);
            Path shots = Files.createDirectories(Path.of("target", "screenshots"));
            Files.write(
                    shots.resolve("page-" + width + ".png"),
                    ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 900));
        }
    }

    @Test
    void anUploadedPhotoComesBackStylized() {
        open();
        browser.findElement(By.id("content")).sendKeys(photo.toString());
        browser.findElement(By.id("go")).click();
        waitForResult(Duration.ofSeconds(60));
        assertEquals(160L, naturalWidth("result"));
        assertTrue(browser.findElement(By.id("download")).isDisplayed());
    }

    @Test
    void gatysShowsItsProgressAndPreviewsThenTheResult() {
        open();
        browser.findElement(By.cssSelector("input[name=method][value=gatys]")).click();
        browser.findElement(By.id("content")).sendKeys(photo.toString());
        browser.findElement(By.id("painting")).sendKeys(painting.toString());
        browser.findElement(By.id("size")).sendKeys("64");
        browser.findElement(By.id("iterations")).clear();
        browser.findElement(By.id("iterations")).sendKeys("40");
        browser.findElement(By.id("go")).click();
        new WebDriverWait(browser, Duration.ofSeconds(60))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("preview")));
        waitForResult(Duration.ofSeconds(120));
        assertEquals(64L, naturalWidth("result"));
        assertTrue(browser.findElement(By.id("state")).getText().startsWith("Done"));
    }

    @Test
    void aClipComesBackAsAClipToPlayAndDownload() throws Exception {
        Path clip = dir.resolve("walk.webm");
        Files.write(clip, StyleServerTest.clip("webm", 4));
        open();
        browser.findElement(By.id("content")).sendKeys(clip.toString());
        browser.findElement(By.id("size")).sendKeys("64");
        browser.findElement(By.id("go")).click();
        new WebDriverWait(browser, Duration.ofSeconds(60))
                .until(d -> d.findElement(By.id("result-video")).isDisplayed()
                        || !d.findElement(By.id("error")).getText().isBlank());
        assertEquals("", browser.findElement(By.id("error")).getText());
        assertTrue(
                browser.findElement(By.id("result-video")).getAttribute("src").startsWith("blob:"));
        assertTrue(!browser.findElement(By.id("result")).isDisplayed());
        assertEquals("stylized.webm", browser.findElement(By.id("download")).getAttribute("download"));
    }

    @Test
    void aTextFileGetsAClearErrorOnThePage() throws Exception {
        Path text = dir.resolve("notes.png");
        Files.writeString(text, "not a photo", StandardCharsets.UTF_8);
        open();
        browser.findElement(By.id("content")).sendKeys(text.toString());
        browser.findElement(By.id("go")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(d -> !d.findElement(By.id("error")).getText().isBlank());
        String error = browser.findElement(By.id("error")).getText();
        assertTrue(error.contains("notes.png") && error.contains("not a supported image"), error);
        assertTrue(!browser.findElement(By.id("result")).isDisplayed());
    }

    private void waitForResult(Duration timeout) {
        new WebDriverWait(browser, timeout)
                .until(d -> naturalWidth("result") > 0
                        || !d.findElement(By.id("error")).getText().isBlank());
        assertEquals("", browser.findElement(By.id("error")).getText());
    }

    private long naturalWidth(String id) {
        Object width = ((JavascriptExecutor) browser)
                .executeScript(
                        "const i = document.getElementById(arguments[0]);"
                                + " return i.classList.contains('hidden') ? 0 : i.naturalWidth;",
                        id);
        return ((Number) width).longValue();
    }
}
