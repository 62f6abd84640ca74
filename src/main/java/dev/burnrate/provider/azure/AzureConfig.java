package dev.burnrate.provider.azure;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Azure OpenAI / AI Foundry spend through the Cost Management query API ({@code burnrate.azure.*}). */
@ConfigMapping(prefix = "burnrate.azure")
public interface AzureConfig {

    /**
     * The scope to query, e.g. {@code subscriptions/0000-...} or {@code subscriptions/0000-.../resourceGroups/ai};
     * Azure is collected only when this, {@link #tenantId()}, {@link #clientId()} and {@code azureClientSecret}
     * in the secret are set. The service principal needs Cost Management Reader on it.
     */
    Optional<String> scope();

    /** Entra ID tenant of the service principal. */
    Optional<String> tenantId();

    /** Application (client) id of the service principal; its secret is {@code azureClientSecret}. */
    Optional<String> clientId();

    /** Resource types whose cost counts (Azure OpenAI and Foundry run as Cognitive Services accounts). */
    @WithDefault("microsoft.cognitiveservices/accounts")
    List<String> resourceTypes();

    /**
     * The Azure OpenAI (Cognitive Services) accounts whose Azure Monitor metrics the pulse reads, as resource ids
     * ({@code /subscriptions/…/resourceGroups/…/providers/Microsoft.CognitiveServices/accounts/NAME}); none: the
     * pulse does not read Azure. The service principal needs Monitoring Reader on them.
     */
    Optional<List<String>> openaiAccounts();
}
