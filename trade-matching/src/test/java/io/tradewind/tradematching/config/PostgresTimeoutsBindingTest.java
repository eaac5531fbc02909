package io.tradewind.tradematching.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import io.tradewind.platform.sql.PostgresTimeouts;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * The app's pool gets the PostgreSQL bounds as Spring Boot binds {@code spring.datasource.hikari}: pgjdbc's property
 * names keep their case, and a setting of the environment overrides the file's.
 */
class PostgresTimeoutsBindingTest {

    @Test
    void thePoolAndTheDriverGetTheBoundsAndTheEnvironmentOverridesThem() throws Exception {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addLast(new ResourcePropertySource("classpath:" + PostgresTimeouts.RESOURCE));
        System.setProperty("spring.datasource.hikari.data-source-properties.socketTimeout", "45");
        try {
            HikariConfig pool = Binder.get(environment)
                    .bind("spring.datasource.hikari", Bindable.ofInstance(new HikariConfig()))
                    .get();

            assertThat(pool.getConnectionTimeout()).isEqualTo(5_000);
            assertThat(pool.getValidationTimeout()).isEqualTo(3_000);
            assertThat(pool.getDataSourceProperties())
                    .containsEntry("connectTimeout", "5")
                    .containsEntry("loginTimeout", "5")
                    .containsEntry("socketTimeout", "45")
                    .containsEntry(
                            "options", PostgresTimeouts.driverProperties().getProperty("options"));
        } finally {
            System.clearProperty("spring.datasource.hikari.data-source-properties.socketTimeout");
        }
    }
}
