package io.roomflux.samples.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import io.roomflux.reactor.LiveKit;
import io.roomflux.reactor.Room;
import io.roomflux.reactor.RoomEvent;
import io.roomflux.reactor.RoomOptions;
import io.roomflux.reactor.data.DataOptions;
import io.roomflux.server.ServerApi;
import io.roomflux.server.proto.CreateRoomRequest;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The sample's page in a real browser: Debian's chromium, headless, driven through its
 * chromedriver (packages {@code chromium} and {@code chromium-driver}; {@code .ci/run} installs
 * them). Selenium gets both paths explicitly, so its Selenium Manager never runs and nothing is
 * downloaded. The browser inherits the test JVM's network namespace and talks only to the
 * application on loopback.
 *
 * <p>Every WebDriver call blocks, so all of them run on the test's own thread, never on a Reactor
 * thread (BlockHound watches those).
 */
class WebFluxPageBrowserTest extends SampleAppIntegrationTest {
  private static final Duration IO = Duration.ofSeconds(30);
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path OUTPUT = Path.of("target", "browser");
  private static final Path SCREENSHOT = OUTPUT.resolve("webflux-page.png");

  @LocalServerPort
  private int port;
  @Autowired
  private LiveKit lk;
  @Autowired
  private ServerApi serverApi;
  @Autowired
  private RoomRegistry registry;

  private WebDriver browser;
  private WebDriverWait await;
  private String room;

  @BeforeEach
  void startBrowser() throws IOException {
    assertThat(CHROMIUM).as("Debian's chromium package").isExecutable();
    assertThat(CHROMEDRIVER).as("Debian's chromium-driver package").isExecutable();
    // Given the driver's path, Selenium skips Selenium Manager (the only part that could download
    // a browser or driver); the system property says the same to any code that looks there.
    System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
    Files.createDirectories(OUTPUT);
    Files.deleteIfExists(SCREENSHOT);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .withLogFile(OUTPUT.resolve("chromedriver.log").toFile())
        .build();
    ChromeOptions options = new ChromeOptions()
        .setBinary(CHROMIUM.toFile())
        // --no-sandbox: chromium's sandbox refuses to run as root, which CI is. No background
        // networking or component updates: the browser has only the page to talk to.
        .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
            "--window-size=1280,900", "--no-first-run", "--no-default-browser-check",
            "--disable-background-networking", "--disable-component-update");
    browser = new ChromeDriver(service, options);
    await = new WebDriverWait(browser, IO);
    room = "browser-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @AfterEach
  void everyHandleIsReleased() {
    if (browser != null) {
      browser.quit();
    }
    lk.closeRooms().block(IO);
    assertThat(registry.names()).isEmpty();
    assertThat(lk.diagnostics().liveHandles()).isZero();
  }

  @Test
  void thePageShowsAParticipantArrivingAndItsMessageReachesThatParticipant() throws IOException {
    serverApi.roomService().createRoom(CreateRoomRequest.newBuilder().setName(room).build()).block(IO);

    browser.get("http://127.0.0.1:" + port + "/");
    // The page lists the room through ListRooms; choosing it makes the bot join and watch it.
    await.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#rooms button[data-room='" + room + "']")))
        .click();
    await.until(ExpectedConditions.attributeToBe(By.id("status"), "data-state", "watching"));

    Room carol = lk.connect(server().url().toString(), server().token("carol", room), RoomOptions.defaults()).block(IO);
    assertThat(carol).isNotNull();
    CompletableFuture<RoomEvent.DataReceived> fromPage = carol.events()
        .ofType(RoomEvent.DataReceived.class)
        .filter(received -> received.packet().topic().orElse("").equals("chat"))
        .next()
        .toFuture();

    await.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("#events li[data-type='ParticipantConnected'][data-identity='carol']")));

    WebElement message = browser.findElement(By.id("message"));
    message.sendKeys("hello from the page");
    browser.findElement(By.id("send-button")).click();
    StepVerifier.create(Mono.fromFuture(fromPage))
        .assertNext(received -> {
          assertThat(new String(received.packet().bytes(), StandardCharsets.UTF_8)).isEqualTo("hello from the page");
          assertThat(received.packet().senderIdentity()).contains(RoomController.BOT_IDENTITY);
        })
        .expectComplete()
        .verify(IO);
    await.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#events li[data-type='Sent']")));

    // Carol answers; the page shows her message too.
    StepVerifier.create(carol.localParticipant().publishData("hello, page".getBytes(StandardCharsets.UTF_8),
            DataOptions.reliable().withTopic("chat")))
        .expectComplete()
        .verify(IO);
    await.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("#events li[data-type='DataReceived'][data-identity='carol']")));

    File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
    assertThat(SCREENSHOT).isNotEmptyFile();

    browser.findElement(By.id("leave")).click();
    await.until(ExpectedConditions.attributeToBe(By.id("status"), "data-state", "left"));
    StepVerifier.create(carol.disconnect()).expectComplete().verify(IO);
  }
}
