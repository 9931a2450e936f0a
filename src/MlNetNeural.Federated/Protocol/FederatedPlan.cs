namespace MlNetNeural.Federated.Protocol;

/// <summary>Everything the coordinator needs to run a study, fixed when it starts (checked again when it resumes).</summary>
[GenerateSerializer, Immutable]
internal sealed record FederatedPlan
{
    /// <summary>The study's name (the coordinator's key).</summary>
    [Id(0)] public required string Study { get; init; }

    /// <summary>The sites, in roster order.</summary>
    [Id(1)] public required string[] Sites { get; init; }

    /// <summary>The trainer every site trains with.</summary>
    [Id(2)] public required TrainerSpec Trainer { get; init; }

    /// <summary>Rounds of local training and averaging.</summary>
    [Id(3)] public int Rounds { get; init; }

    /// <summary>Local epochs per round.</summary>
    [Id(4)] public int LocalEpochs { get; init; }

    /// <summary>FedProx's μ (0: FedAvg).</summary>
    [Id(5)] public float ProximalStrength { get; init; }

    /// <summary>Pairwise masking of every contribution.</summary>
    [Id(6)] public bool SecureAggregation { get; init; }

    /// <summary>DP-FedAvg clip norm, or null without differential privacy.</summary>
    [Id(7)] public float? ClipNorm { get; init; }

    /// <summary>DP-FedAvg noise multiplier z.</summary>
    [Id(8)] public float NoiseMultiplier { get; init; }

    /// <summary>δ of the reported guarantee.</summary>
    [Id(9)] public double Delta { get; init; }

    /// <summary>The noise seed, or null for a cryptographic seed each round.</summary>
    [Id(10)] public int? NoiseSeed { get; init; }

    /// <summary>How long a site may take to train in a round.</summary>
    [Id(12)] public TimeSpan RoundDeadline { get; init; }

    /// <summary>How long a site may take to answer a key or masking request.</summary>
    [Id(13)] public TimeSpan MaskingDeadline { get; init; }

    /// <summary>Fewest sites a sum may hold.</summary>
    [Id(14)] public int MinimumSites { get; init; }

    /// <summary>Masking attempts per sum before the round is skipped.</summary>
    [Id(15)] public int MaskingAttempts { get; init; }

    /// <summary>The study's seed.</summary>
    [Id(16)] public int Seed { get; init; }

    /// <summary>True when <paramref name="other"/> describes the same study (arrays compared by value).</summary>
    public bool SameAs(FederatedPlan other) =>
        this with { Sites = [] } == other with { Sites = [] } && Sites.SequenceEqual(other.Sites);
}
