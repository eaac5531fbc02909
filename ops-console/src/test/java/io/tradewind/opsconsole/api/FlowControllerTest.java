package io.tradewind.opsconsole.api;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

class FlowControllerTest {
    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(
                    new FlowController(Samples::twoRegionsTheSecondUnreachable, Samples.SCOPE))
            .setControllerAdvice(new ApiProblems())
            .build();

    @Test
    void theOverviewShowsWhereEachAppIsActiveAndAnUnreachableRegionWithItsLastNumbersAndSinceWhen() throws Exception {
        mvc.perform(get("/api/overview"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.sampledAt").value("2026-12-07T10:00:00Z"))
                .andExpect(jsonPath("$.apps[0].app").value("trade-matching"))
                .andExpect(jsonPath("$.apps[0].activeRegions[0]").value("us-east-1"))
                .andExpect(jsonPath("$.apps[0].activeRegions.length()").value(1))
                .andExpect(jsonPath("$.apps[0].controls.length()").value(4))
                .andExpect(jsonPath("$.apps[0].database.writer").value("us-east-1"))
                .andExpect(jsonPath("$.apps[0].regions[0].stages[1].stage").value("ingestion"))
                .andExpect(jsonPath("$.apps[0].regions[0].stages[1].recordsPerSecond")
                        .value(42.5))
                .andExpect(jsonPath("$.apps[0].regions[0].stages[1].throughputHistory[0]")
                        .value(21.3))
                .andExpect(
                        jsonPath("$.apps[0].regions[0].stages[1].lagHistory[0]").value(300))
                .andExpect(jsonPath("$.regions[0].reachable").value(true))
                .andExpect(jsonPath("$.regions[1].name").value("us-west-2"))
                .andExpect(jsonPath("$.regions[1].reachable").value(false))
                .andExpect(jsonPath("$.regions[1].unreachableSince").value("2026-12-07T09:58:30Z"))
                .andExpect(jsonPath("$.apps[0].regions[1].reachable").value(false))
                .andExpect(jsonPath("$.apps[0].regions[1].stages[0].recordsIn").value(1000))
                .andExpect(jsonPath("$.apps[0].regions[1].error").value("connection refused"))
                .andExpect(jsonPath("$.generator.on").value(true))
                .andExpect(jsonPath("$.alerts[0].kind").value("UNREACHABLE"))
                .andExpect(
                        jsonPath("$.queueDepths['us-east-1']['trades.inbound']").value(3));
    }

    @Test
    void oneAppsStagesInOneRegionAndUnknownNamesAre400NamingTheField() throws Exception {
        mvc.perform(get("/api/apps/settlement-matching/regions/us-east-1/stages"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.region").value("us-east-1"))
                .andExpect(jsonPath("$.stages.length()").value(5));
        mvc.perform(get("/api/apps/billing/regions/us-east-1/stages"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("app"));
        mvc.perform(get("/api/apps/trade-matching/regions/mars-1/stages"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("region"));
    }

    @Test
    void replicationShowsEachAppsDatabaseAndTheTablesAsEachRegionSeesThem() throws Exception {
        mvc.perform(get("/api/replication"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].app").value("trade-matching"))
                .andExpect(jsonPath("$[0].writer").value("us-east-1"))
                .andExpect(jsonPath("$[0].databaseLagMillis").value(120))
                .andExpect(jsonPath("$[0].tableLagMillis['us-west-2']").value(40));
    }
}
