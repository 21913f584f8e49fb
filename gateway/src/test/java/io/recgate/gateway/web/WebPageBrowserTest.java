package io.recgate.gateway.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import io.recgate.core.serving.RerankerKind;
import io.recgate.gateway.recommend.RecommendExtension;
import io.recgate.gateway.recommend.TestBundles;
import io.recgate.gateway.server.GatewayServer;
import io.recgate.gateway.testing.TestGateways;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page at {@code /} in a real headless Chromium (Debian's {@code /usr/bin/chromium}, or
 * {@code -Drecgate.chromium=PATH}) driven by Playwright, against a gateway serving a small planted
 * bundle ({@link TestBundles}: users and items in clusters A, B, C; popularity puts C first).
 * Screenshots go to {@code target/screenshots/}; with {@code -Drecgate.screenshots.update=true} they
 * are also copied to the repository's {@code docs/screenshots/}. Skipped, with the reason printed,
 * only when no Chromium is installed.
 */
class WebPageBrowserTest {

    private static final String TOKEN = "browser-test-admin-token";
    private static final Path SCREENSHOTS = Paths.get("target", "screenshots");

    @TempDir
    static Path dataDir;
    @TempDir
    static Path bundles;
    @TempDir
    static Path profile;

    private static Vertx vertx;
    private static GatewayServer server;
    private static RecommendExtension extension;
    private static Playwright playwright;
    private static BrowserContext browser;
    private static String first;
    private static String second;

    private Page page;

    @BeforeAll
    static void start() throws Exception {
        Path chromium = Paths.get(System.getProperty("recgate.chromium", "/usr/bin/chromium"));
        if (!Files.isExecutable(chromium)) {
            System.out.println("WebPageBrowserTest skipped: no Chromium at " + chromium
                    + " (apt-get install chromium, or -Drecgate.chromium=PATH)");
            Assumptions.abort("no Chromium at " + chromium);
        }
        first = TestBundles.publish(bundles, true, true, 1, metrics());
        second = TestBundles.publish(bundles, true, false, 2, metrics());
        vertx = Vertx.vertx();
        extension = new RecommendExtension(bundles);
        server = GatewayServer.builder(TestGateways.config(dataDir, Map.of("http.adminToken", TOKEN)))
                .knownItems(extension.knownItems()).extension(extension).build(vertx);
        server.start().await(20, TimeUnit.SECONDS);
        extension.firstLoad().await(20, TimeUnit.SECONDS);

        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launchPersistentContext(profile, new BrowserType.LaunchPersistentContextOptions()
                .setExecutablePath(chromium)
                .setHeadless(true)
                .setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync"))
                .setViewportSize(1280, 900));
        browser.setDefaultTimeout(15_000);
        Files.createDirectories(SCREENSHOTS);
    }

    /**
     * What an index build records: model and baseline metrics, FM error, an ANN sweep per ef, and the
     * served pipeline (the rating FM accepted by the gate) with its candidate sweep.
     */
    private static Map<String, Double> metrics() {
        Map<String, Double> m = legacyMetrics();
        served(m, "served.", 0.486, 0.231, 0.402);
        served(m, "served.retrieval.", 0.457, 0.219, 0.381);
        served(m, "served.popularity.", 0.342, 0.163, 0.270);
        served(m, "served.candidate.", 0.486, 0.231, 0.402);
        int[] candidates = {10, 50, 100, 200, 500};
        double[] ndcg = {0.461, 0.479, 0.486, 0.488, 0.483};
        double[] recall = {0.381, 0.398, 0.402, 0.404, 0.401};
        for (int i = 0; i < candidates.length; i++) {
            m.put("served.sweep.c" + candidates[i] + ".ndcg@10", ndcg[i]);
            m.put("served.sweep.c" + candidates[i] + ".recall@10", recall[i]);
        }
        return m;
    }

    /** One list's served metrics at k = 10 under {@code prefix}, as the index builder's served gate writes them. */
    private static void served(Map<String, Double> m, String prefix, double ndcg, double precision, double recall) {
        m.put(prefix + "ndcg@10", ndcg);
        m.put(prefix + "precision@10", precision);
        m.put(prefix + "recall@10", recall);
        m.put(prefix + "map@10", ndcg * 0.7);
        m.put(prefix + "hitrate@10", Math.min(1, recall * 2));
        m.put(prefix + "coverage", 0.4);
        m.put(prefix + "diversity", 0.6);
        m.put(prefix + "novelty", 9.1);
    }

    /** What a bundle built before the served evaluation (or without a test set) records: no served.* keys. */
    private static Map<String, Double> legacyMetrics() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("implicit-als.ndcg@10", 0.412);
        m.put("implicit-als.recall@10", 0.318);
        m.put("baseline.ndcg@10", 0.201);
        m.put("baseline.recall@10", 0.154);
        m.put("fm.rmse", 0.912);
        int[] efs = {10, 20, 50, 100, 200};
        double[] recall = {0.81, 0.90, 0.965, 0.988, 0.997};
        double[] latency = {38, 55, 97, 170, 310};
        for (int i = 0; i < efs.length; i++) {
            m.put("ann.sweep.ef" + efs[i] + ".recall@10", recall[i]);
            m.put("ann.sweep.ef" + efs[i] + ".latency_us", latency[i]);
            m.put("similar.sweep.ef" + efs[i] + ".recall@10", recall[i] - 0.02);
            m.put("similar.sweep.ef" + efs[i] + ".latency_us", latency[i] / 2);
        }
        m.put("ann.recall@10", 0.90);
        m.put("ann.latency_us", 55.0);
        m.put("similar.recall@10", 0.88);
        return m;
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        if (server != null) {
            server.stop().await(10, TimeUnit.SECONDS);
            extension.stop().await(10, TimeUnit.SECONDS);
        }
        if (vertx != null) {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    @BeforeEach
    void openPage() {
        page = browser.newPage();
        page.navigate("http://127.0.0.1:" + server.port() + "/");
    }

    @AfterEach
    void closePage() {
        if (page != null) {
            page.close();
        }
    }

    private Locator cards() {
        return page.locator("#cards > li.card");
    }

    private List<String> cardIds() {
        List<String> ids = new ArrayList<>();
        for (Locator card : cards().all()) {
            ids.add(card.getAttribute("data-item-id"));
        }
        return ids;
    }

    private static int item(String id) {
        return Integer.parseInt(id.substring(1));
    }

    private void showUser(String userId, int k) {
        page.getByLabel("How many (k)").fill(String.valueOf(k));
        page.getByLabel("User id").fill(userId);
        page.getByLabel("User id").press("Enter");
        assertThat(page.locator("#results-title")).hasText("Recommendations for user " + userId);
    }

    @Test
    void landingViewShowsPopularItemsAndSampleUsersWithoutAnyClickOrAdminToken() throws Exception {
        List<String> requests = new ArrayList<>();
        page.onRequest(r -> requests.add(r.url()));
        page.reload();
        assertThat(page.locator("#results-title")).hasText("Popular items");
        assertThat(cards()).hasCount(10);
        assertThat(page.locator("#status")).containsText("Nobody picked yet: the most popular items.");
        // Popularity puts cluster C first (TestBundles).
        assertEquals(2, TestBundles.cluster(item(cardIds().get(0))), cardIds().toString());
        assertThat(cards().first().locator(".badge.cold")).hasText("popular");
        assertThat(cards().first().locator("h4")).hasText("Item " + item(cardIds().get(0)));

        Locator samples = page.locator("#sample-user-list button");
        assertThat(page.locator("#sample-users")).isVisible();
        assertThat(page.locator("#sample-users")).containsText("Try a sample user:");
        assertThat(samples.first()).isVisible();
        assertTrue(samples.count() >= 1 && samples.count() <= 5, "sample users: " + samples.count());
        for (Locator b : samples.all()) {
            String id = b.textContent();
            assertTrue(id.matches("u\\d+") && Integer.parseInt(id.substring(1)) < TestBundles.USERS, id);
        }
        assertThat(page.locator("#history")).hasText("No user selected.");
        for (String url : requests) {
            assertFalse(url.contains("/admin"), "the landing view used an admin route: " + url);
        }
        assertTrue(requests.stream().anyMatch(u -> u.contains("/v1/users?sample=")), requests.toString());
        screenshot("landing");

        String picked = samples.first().textContent();
        samples.first().click();
        assertThat(page.locator("#results-title")).hasText("Recommendations for user " + picked);
        assertThat(page.getByLabel("User id")).hasValue(picked);
        assertThat(page.locator("#status")).not().containsText("Nobody picked yet");
        assertTrue(page.url().endsWith("#/user/" + picked), page.url());
    }

    @Test
    void likingAPopularItemOnTheLandingViewStartsAnAnonymousVisit() {
        assertThat(page.locator("#results-title")).hasText("Popular items");
        assertThat(cards()).hasCount(10);
        String liked = cardIds().get(0);
        cards().first().getByRole(AriaRole.BUTTON,
                new Locator.GetByRoleOptions().setName("Like Item " + item(liked))).click();
        assertThat(page.locator("#results-title")).hasText("Recommendations for an anonymous visitor");
        assertThat(page.locator("#cards > li.card[data-item-id='" + liked + "']")).hasCount(0);
        assertThat(page.locator("#history-title")).hasText("This visit");
        assertThat(page.locator("#history > li")).hasText(new String[] {"Item " + item(liked) + " (" + liked + ")"});
    }

    @Test
    void pickedUserSeesKExplainedCardsAndALikedItemLeavesTheList() throws Exception {
        showUser("u1", 5);
        assertThat(cards()).hasCount(5);
        List<String> before = cardIds();
        for (String id : before) {
            assertEquals(1, TestBundles.cluster(item(id)), "u1 is in cluster B: " + before);
        }
        Locator top = cards().first();
        assertThat(top.locator("h4")).hasText("Item " + item(before.get(0)));
        assertThat(top.locator(".chips")).containsText("B");
        assertThat(top.locator("dd.score")).not().isEmpty();
        assertThat(top.locator("dd.retrieval")).not().isEmpty();
        assertThat(top.locator(".because")).containsText("Because you liked Item");
        assertThat(page.locator("#status")).not().containsText("Cold start");

        String liked = before.get(0);
        top.getByRole(AriaRole.BUTTON,
                new Locator.GetByRoleOptions().setName("Like Item " + item(liked))).click();
        assertThat(page.locator("#cards > li.card[data-item-id='" + liked + "']")).hasCount(0);
        assertThat(cards()).hasCount(5);
        List<String> after = cardIds();
        assertFalse(after.contains(liked), after.toString());
        assertNotEquals(before, after);
        assertThat(page.locator("#history")).containsText("like");
        assertThat(page.locator("#history")).containsText("Item " + item(liked));

        cards().first().getByText("Similar").click();
        assertThat(page.locator("#similar-title")).containsText("Similar to Item " + item(after.get(0)));
        Locator similar = page.locator("#similar > li");
        assertThat(similar.first()).isVisible();
        assertTrue(similar.count() >= 3, "similar items: " + similar.count());
        for (Locator s : similar.all()) {
            assertEquals(1, TestBundles.cluster(item(s.getAttribute("data-item-id"))), "similar outside cluster B");
        }
        screenshot("main");
    }

    @Test
    void categoryFilterAndKChangeTheList() {
        showUser("u3", 4);
        assertThat(cards()).hasCount(4);
        page.getByLabel("Category").selectOption(new SelectOption().setValue("C"));
        assertThat(cards().first().locator(".chips")).hasText("C");
        for (Locator card : cards().all()) {
            assertThat(card.locator(".chips")).hasText("C");
        }
        page.getByLabel("How many (k)").fill("7");
        page.getByLabel("How many (k)").press("Tab");
        assertThat(cards()).hasCount(7);
    }

    @Test
    void randomUserButtonPicksABundleUserAndARatingIsPostedToTheirHistory() {
        page.getByText("Random user").click();
        assertThat(page.locator("#results-title")).containsText("Recommendations for user u");
        String userId = page.getByLabel("User id").inputValue();
        assertTrue(userId.matches("u\\d+") && Integer.parseInt(userId.substring(1)) < TestBundles.USERS, userId);
        assertThat(cards()).hasCount(10);

        String rated = cardIds().get(2);
        Locator card = page.locator("#cards > li.card[data-item-id='" + rated + "']");
        card.getByLabel("Rating for Item " + item(rated)).selectOption("4");
        card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Rate Item " + item(rated))).click();
        assertThat(page.locator("#history > li").first()).containsText("rate 4");
        assertThat(page.locator("#history > li").first()).containsText("Item " + item(rated));
        assertThat(card).hasCount(0);
    }

    @Test
    void aUserLinkOpensThatUsersRecommendations() {
        page.navigate("http://127.0.0.1:" + server.port() + "/#/user/u5");
        assertThat(page.locator("#results-title")).hasText("Recommendations for user u5");
        assertThat(page.getByLabel("User id")).hasValue("u5");
        assertThat(cards()).hasCount(10);
        assertEquals(TestBundles.cluster(5), TestBundles.cluster(item(cardIds().get(0))));
        showUser("u4", 3);
        assertTrue(page.url().endsWith("#/user/u4"), page.url());
    }

    @Test
    void anonymousVisitorStartsColdAndLikesPersonaliseTheList() {
        page.getByLabel("How many (k)").fill("6");
        page.getByText("Anonymous visitor").click();
        assertThat(page.locator("#status")).containsText("Cold start");
        assertThat(cards()).hasCount(6);
        // Popularity puts cluster C first; the visitor picks two A items through the category filter.
        assertEquals(2, TestBundles.cluster(item(cardIds().get(0))));
        page.getByLabel("Category").selectOption(new SelectOption().setValue("A"));
        assertThat(cards().first().locator(".chips")).hasText("A");
        Set<String> liked = new HashSet<>();
        for (int n = 0; n < 2; n++) {
            String id = cardIds().get(0);
            liked.add(id);
            // Keyboard: focus the card's Like button and press Enter.
            cards().first().getByText("Like", new Locator.GetByTextOptions().setExact(true)).press("Enter");
            assertThat(page.locator("#cards > li.card[data-item-id='" + id + "']")).hasCount(0);
        }
        page.getByLabel("Category").selectOption(new SelectOption().setValue(""));
        assertThat(page.locator("#status")).not().containsText("Cold start");
        assertThat(cards()).hasCount(6);
        assertThat(cards().first().locator(".chips")).hasText("A");
        List<String> ids = cardIds();
        for (String id : ids) {
            assertEquals(0, TestBundles.cluster(item(id)), "folded-in visitor who liked A items: " + ids);
            assertFalse(liked.contains(id), "liked item recommended again: " + ids);
        }
        assertThat(page.locator("#history-title")).hasText("This visit");
        assertThat(page.locator("#history > li")).hasCount(2);
    }

    @Test
    void modelPageShowsMetricsBesideTheBaselineAndTheAnnSweep() throws Exception {
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Model")).click();
        assertThat(page.locator("#model-status")).containsText("Live bundle ");
        Locator metricsTable = page.locator("#metrics");
        assertThat(metricsTable.locator("thead")).containsText("implicit-als");
        assertThat(metricsTable.locator("thead")).containsText("baseline (popularity)");
        Locator ndcg = metricsTable.locator("tbody tr", new Locator.LocatorOptions().setHasText("ndcg@10"));
        assertThat(ndcg).containsText("0.4120");
        assertThat(ndcg).containsText("0.2010");
        assertThat(metricsTable).containsText("rmse");
        // Index metrics, sweeps and the served pipeline are kept apart from the model columns.
        assertThat(metricsTable.locator("thead")).not().containsText("similar");
        assertThat(metricsTable.locator("thead")).not().containsText("served");
        assertThat(page.locator("#indexes")).containsText("serving ef");
        assertThat(page.locator("#indexes thead")).containsText("similar items");
        assertThat(page.locator("#recall-chart circle[data-index='ann']")).hasCount(5);
        assertThat(page.locator("#recall-chart circle[data-index='similar']")).hasCount(5);
        assertThat(page.locator("#latency-chart circle")).hasCount(10);
        assertThat(page.locator("#recall-chart")).hasAttribute("aria-label",
                Pattern.compile("retrieval: ef 10 0\\.810, ef 20 0\\.900"));
        assertThat(page.locator("#recall-chart")).containsText("retrieval (ef 20)");
        assertThat(page.locator("#sweep tbody tr")).hasCount(5);
        assertThat(page.locator("#sizes")).containsText(String.valueOf(TestBundles.ITEMS));
        assertThat(page.locator("#longtail-chart")).isVisible();
    }

    @Test
    void modelPageShowsOneLatencyForTheServingEfAndNoZeroOnALogAxis(@TempDir Path root, @TempDir Path data)
            throws Exception {
        // As a bundle built before issue 22 records them: ann.latency_us timed cold, before the sweep,
        // disagreeing with the sweep's point at the same ef (55 µs at the serving ef 20).
        Map<String, Double> metrics = legacyMetrics();
        metrics.put("ann.latency_us", 542.0);
        metrics.put("similar.latency_us", 431.0);
        metrics.put("similar.sweep.ef10.latency_us", 0.4);
        TestBundles.publish(root, RerankerKind.RATING_FM, true, 7, metrics);
        try (OwnGateway own = OwnGateway.start(root, data, true)) {
            page.navigate(own.url("/#/model"));
            assertThat(page.locator("#indexes")).isVisible();
            assertThat(row("#indexes", "serving ef").locator("td")).hasText(new String[] {"20", "20"});
            assertThat(row("#indexes", "latency_us").locator("td")).hasText(new String[] {"55", "27.5000"});
            assertThat(row("#indexes", "recall@10").locator("td")).hasText(new String[] {"0.9000", "0.8800"});
            assertThat(page.locator("#indexes-note")).hasText("Figures at the serving ef are the sweep’s point at that ef.");
            Locator annSection = page.locator("section[aria-labelledby='ann-title']");
            assertThat(annSection).not().containsText("542");
            assertThat(annSection).not().containsText("431");
            assertThat(page.locator("#latency-chart circle[data-index='ann'][data-ef='20'] title"))
                    .hasText("retrieval, ef 20: 55");

            for (String chartId : new String[] {"#recall-chart", "#latency-chart"}) {
                Locator chart = page.locator(chartId);
                assertThat(chart).hasAttribute("data-x-scale", "log");
                assertThat(chart.locator("line.x-axis")).hasAttribute("data-scale", "log");
                assertThat(chart.locator("line.y-axis")).hasAttribute("data-scale", "linear");
                assertThat(chart).containsText("ef (log scale)");
                List<String> efTicks = chart.locator("text.x-tick").allTextContents();
                assertEquals(List.of("10", "20", "50", "100", "200"), efTicks, chartId);
                for (Locator axis : chart.locator("line[data-scale='log']").all()) {
                    String which = axis.getAttribute("class").contains("x-axis") ? "text.x-tick" : "text.y-tick";
                    for (String tick : chart.locator(which).allTextContents()) {
                        assertTrue(Double.parseDouble(tick.replace(",", "")) > 0, chartId + " log axis tick " + tick);
                    }
                }
            }
            // Latency is on a linear axis from 0, and says so; a sub-µs point does not round to "0".
            assertThat(page.locator("#latency-chart")).containsText("latency µs (linear, from 0)");
            assertEquals(List.of("310", "0"), page.locator("#latency-chart text.y-tick").allTextContents());
            assertThat(page.locator("#latency-chart circle[data-index='similar'][data-ef='10'] title"))
                    .hasText("similar items, ef 10: 0.40");
        }
    }

    @Test
    void modelPageShowsTheServedListBesideRetrievalAndPopularityWithTheCandidateSweep() throws Exception {
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Model")).click();
        assertThat(page.locator("#served h3")).hasText("What is served");
        assertThat(page.locator("#served-headline")).hasText("Served NDCG@10 0.486: 1.42× popularity, 1.06× retrieval alone.");
        assertThat(page.locator("#served-order")).hasText(
                "Each list: retrieve 100 candidates from the ANN index → rerank them with the rating FM (fm) → keep the top 10.");
        assertThat(page.locator("#served-refused")).hasCount(0);
        assertThat(page.locator("#served-none")).hasCount(0);
        assertThat(page.locator("#served-table thead th")).hasText(new String[] {
            "metric", "served", "retrieval alone", "popularity", "served ÷ popularity", "served ÷ retrieval"});
        assertThat(row("#served-table", "NDCG@10").locator("td")).hasText(new String[] {
            "0.4860", "0.4570", "0.3420", "1.42× popularity", "1.06× retrieval alone"});
        assertThat(row("#served-table", "P@10").locator("td")).hasText(new String[] {
            "0.2310", "0.2190", "0.1630", "1.42× popularity", "1.05× retrieval alone"});
        assertThat(row("#served-table", "recall@10").locator("td")).hasText(new String[] {
            "0.4020", "0.3810", "0.2700", "1.49× popularity", "1.06× retrieval alone"});
        assertThat(page.locator("#served-all")).containsText("novelty");

        // One dot per C, left to right in C order on the log axis; the configured C marked.
        Locator chart = page.locator("#served-ndcg-chart");
        Locator dots = chart.locator("circle");
        assertThat(dots).hasCount(5);
        assertThat(page.locator("#served-recall-chart circle")).hasCount(5);
        List<String> cs = new ArrayList<>();
        double lastX = Double.NEGATIVE_INFINITY;
        for (Locator dot : dots.all()) {
            cs.add(dot.getAttribute("data-c"));
            double cx = Double.parseDouble(dot.getAttribute("cx"));
            assertTrue(cx > lastX, "dots not left to right: " + cs);
            lastX = cx;
        }
        assertEquals(List.of("10", "50", "100", "200", "500"), cs);
        assertThat(chart.locator("circle.configured")).hasAttribute("data-c", "100");
        assertThat(chart.locator("line.marker")).hasAttribute("data-c", "100");
        assertThat(chart).containsText("C = 100 (configured)");
        assertThat(chart).hasAttribute("aria-label", "NDCG@10 of served (fm) by candidates C (log scale): C 10 0.461,"
                + " C 50 0.479, C 100 0.486, C 200 0.488, C 500 0.483; retrieval alone 0.457; popularity 0.342;"
                + " configured C 100.");
        // The y axis starts at 0: heights above it keep the table's ratios (served ÷ popularity 1.42).
        double axis = Double.parseDouble(chart.locator("line.axis").first().getAttribute("y1"));
        double served = axis - Double.parseDouble(chart.locator("circle.configured").getAttribute("cy"));
        double retrieval = axis - Double.parseDouble(chart.locator("line[data-ref='retrieval']").getAttribute("y1"));
        double popularity = axis - Double.parseDouble(chart.locator("line[data-ref='popularity']").getAttribute("y1"));
        assertEquals(0.486 / 0.342, served / popularity, 1e-6);
        assertEquals(0.486 / 0.457, served / retrieval, 1e-6);
        assertThat(page.locator("#served-sweep tbody tr")).hasCount(5);
        assertThat(page.locator("#served-sweep tbody tr").nth(2).locator("th, td"))
                .hasText(new String[] {"100 (configured)", "0.4860", "0.4020"});
        screenshot("model");
    }

    @Test
    void modelPageSaysWhenTheGateRefusedTheRerankerAndListsAreInRetrievalOrder(@TempDir Path root, @TempDir Path data)
            throws Exception {
        // As the gate publishes a refusal: served.* is retrieval alone's, served.candidate.* the refused reranker's.
        Map<String, Double> metrics = legacyMetrics();
        served(metrics, "served.", 0.568, 0.250, 0.440);
        served(metrics, "served.retrieval.", 0.568, 0.250, 0.440);
        served(metrics, "served.popularity.", 0.401, 0.180, 0.300);
        served(metrics, "served.candidate.", 0.552, 0.243, 0.431);
        for (int c : new int[] {10, 100}) {
            metrics.put("served.sweep.c" + c + ".ndcg@10", c == 10 ? 0.549 : 0.552);
            metrics.put("served.sweep.c" + c + ".recall@10", c == 10 ? 0.428 : 0.431);
        }
        TestBundles.publish(root, RerankerKind.NONE, RerankerKind.RANKING_FM, true, 5, metrics);
        try (OwnGateway own = OwnGateway.start(root, data, true)) {
            page.navigate(own.url("/#/model"));
            assertThat(page.locator("#served-refused")).hasText("ranking-fm was refused by the served-quality gate:"
                    + " its NDCG@10 0.552 was below retrieval alone's 0.568; lists are in retrieval order.");
            assertThat(page.locator("#served-order")).hasText("Each list: retrieve 100 candidates from the ANN index"
                    + " → keep the top 10 in retrieval order (no reranker).");
            assertThat(page.locator("#served-headline")).hasText("Served NDCG@10 0.568: 1.42× popularity, 1.00× retrieval alone.");
            assertThat(page.locator("#served-table thead")).containsText("ranking-fm (refused)");
            assertThat(row("#served-table", "NDCG@10").locator("td")).hasText(new String[] {
                "0.5680", "0.5680", "0.4010", "0.5520", "1.42× popularity", "1.00× retrieval alone"});
            assertThat(page.locator("#served-ndcg-chart circle")).hasCount(2);
            assertThat(page.locator("#served-ndcg-chart")).containsText("ranking-fm (refused, not served)");
            assertThat(page.locator("#served-sweep-caption")).containsText("which the gate refused");
            assertThat(page.locator("#sizes")).containsText("none");
        }
    }

    @Test
    void modelPageSaysPlainlyWhenServedQualityWasNotMeasured(@TempDir Path root, @TempDir Path data) throws Exception {
        TestBundles.publish(root, RerankerKind.RANKING_FM, true, 6, legacyMetrics());
        try (OwnGateway own = OwnGateway.start(root, data, true)) {
            page.navigate(own.url("/#/model"));
            assertThat(page.locator("#served-none")).containsText("Served quality was not measured for this bundle");
            assertThat(page.locator("#served-order")).containsText("rerank them with the ranking FM (ranking-fm)");
            assertThat(page.locator("#served-headline")).hasCount(0);
            assertThat(page.locator("#served-table")).hasCount(0);
            assertThat(page.locator("#served-ndcg-chart")).hasCount(0);
            assertThat(page.locator("#served")).not().containsText("0.000");
            // The rest of the page is unchanged: the models' metrics are still there.
            assertThat(row("#metrics", "ndcg@10")).containsText("0.4120");
        }
    }

    /** The body row of a table whose row header is exactly {@code header}. */
    private Locator row(String tableSelector, String header) {
        return page.locator(tableSelector + " tbody tr").filter(new Locator.FilterOptions().setHas(
                page.getByRole(AriaRole.ROWHEADER, new Page.GetByRoleOptions().setName(header).setExact(true))));
    }

    /** A gateway of its own over {@code root}, in its own Vert.x: servers on port 0 in one Vert.x share a port. */
    private record OwnGateway(Vertx vertx, RecommendExtension extension, GatewayServer server) implements AutoCloseable {

        static OwnGateway start(Path root, Path data, boolean awaitBundle) throws Exception {
            Vertx vertx = Vertx.vertx();
            RecommendExtension extension = new RecommendExtension(root);
            GatewayServer server = GatewayServer.builder(TestGateways.config(data, Map.of()))
                    .knownItems(extension.knownItems()).extension(extension).build(vertx);
            server.start().await(20, TimeUnit.SECONDS);
            if (awaitBundle) {
                extension.firstLoad().await(20, TimeUnit.SECONDS);
            }
            return new OwnGateway(vertx, extension, server);
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.port() + path;
        }

        @Override
        public void close() throws Exception {
            server.stop().await(10, TimeUnit.SECONDS);
            extension.stop().await(10, TimeUnit.SECONDS);
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void adminActionsNeedTheTokenAndShowTheApiError() {
        page.navigate("http://127.0.0.1:" + server.port() + "/#/model");
        page.getByLabel("Admin token").fill("not-the-right-token");
        page.getByText("List versions").click();
        assertThat(page.locator("#admin-status")).hasClass(Pattern.compile("error"));
        assertThat(page.locator("#admin-status")).containsText("(unauthorized)");
        assertThat(page.locator("#versions")).hasCount(0);

        page.getByLabel("Admin token").fill(TOKEN);
        page.getByText("List versions").click();
        assertThat(page.locator("#versions tbody tr")).hasCount(2);
        // Another test may run first; activate whichever version is not live.
        String live = page.locator("#versions tbody tr", new Page.LocatorOptions().setHasText("live"))
                .locator("th").textContent();
        String target = live.equals(first) ? second : first;
        page.getByLabel("Activate " + target).click();
        assertThat(page.locator("#admin-status")).containsText("Live " + target);
        assertThat(page.locator("#bundle-badge")).hasText("bundle: " + target);
    }

    @Test
    void withoutABundleThePageShowsTheApiErrorMessage(@TempDir Path emptyRoot, @TempDir Path otherData) throws Exception {
        try (OwnGateway bare = OwnGateway.start(emptyRoot, otherData, false)) {
            page.navigate(bare.url("/"));
            assertThat(page.locator("#bundle-badge")).containsText("no bundle is loaded yet (bundle_unavailable)");
            page.getByLabel("User id").fill("u1");
            page.getByLabel("User id").press("Enter");
            assertThat(page.locator("#status")).hasText("Error: no bundle is loaded yet (bundle_unavailable)");
            assertThat(page.locator("#status")).hasClass(Pattern.compile("error"));
            assertThat(cards()).hasCount(0);
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Model")).click();
            assertThat(page.locator("#model-status")).hasText("Error: no bundle is loaded yet (bundle_unavailable)");
        }
    }

    private void screenshot(String name) throws Exception {
        Path file = SCREENSHOTS.resolve(name + ".png");
        page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
        if (Boolean.getBoolean("recgate.screenshots.update")) {
            Path docs = Paths.get("..", "docs", "screenshots").toAbsolutePath().normalize();
            Files.createDirectories(docs);
            Files.copy(file, docs.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
            System.out.println("WebPageBrowserTest: updated " + docs.resolve(name + ".png"));
        }
    }
}
