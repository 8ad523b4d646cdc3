package io.roomflux.samples.webflux;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code roomflux.*} settings.
 *
 * @param embedded start an embedded dev-mode livekit-server and use it (default {@code true});
 *     the other settings must then stay unset
 * @param url the server's URL ({@code ws://}, {@code wss://}, ...) when not embedded
 * @param apiKey the API key that signs the bot's tokens when not embedded
 * @param apiSecret the API secret that signs the bot's tokens when not embedded
 */
@ConfigurationProperties("roomflux")
public record RoomFluxProperties(@DefaultValue("true") boolean embedded, @DefaultValue("") String url,
                                 @DefaultValue("") String apiKey, @DefaultValue("") String apiSecret) {}
