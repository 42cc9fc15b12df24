package dev.taskpool.example.service;

import dev.taskpool.SimpleTaskPool;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A service whose workers drain a queue: a {@link SimpleTaskPool} bean named {@code workers},
 * which the Taskpool starter gives a control server, the {@code taskpools} endpoint, meters and
 * a graceful shutdown (see {@code application.properties}).
 *
 * <pre>
 * java -jar target/spring-boot-service.jar --server.port=8080 --taskpool.control.port=9998
 * ./taskpool control tcp 127.0.0.1 9998
 * curl localhost:8080/actuator/taskpools
 * </pre>
 */
@SpringBootApplication
public class ServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(ServiceApplication.class, args);
    }

    @Bean
    WorkQueue workQueue(MeterRegistry meterRegistry) {
        return new WorkQueue(meterRegistry);
    }

    /** The pool's name is its bean's, so the control server, JMX, meters and endpoint agree. */
    @Bean
    SimpleTaskPool workers(WorkQueue queue) {
        return SimpleTaskPool.builder(new Worker(queue)).name("workers").functionName("work").poolSize(4).build();
    }

    /** Starts the workers once the application has started, at the pool size from the properties. */
    @Bean
    ApplicationRunner startWorkers(SimpleTaskPool workers, @Value("${service.workers:4}") int count) {
        return args -> workers.start(count);
    }
}
