namespace MlNetNeural.Federated.Protocol;

/// <summary>What a site says about its data before training: only the shape, never rows or counts.</summary>
/// <param name="FeatureCount">Values per feature vector.</param>
/// <param name="ClassNames">The label's classes in index order (multiclass), empty otherwise.</param>
[GenerateSerializer, Immutable]
internal sealed record SiteDescription([property: Id(0)] int FeatureCount, [property: Id(1)] string[] ClassNames);

/// <summary>Which model a site trains and how: the trainer options as JSON (see <see cref="Sites.TrainerOptionsCodec"/>).</summary>
/// <param name="Task">The MLP task, as its enum value.</param>
/// <param name="TrainerOptionsJson">The ML.NET trainer's options.</param>
[GenerateSerializer, Immutable]
internal sealed record TrainerSpec([property: Id(0)] int Task, [property: Id(1)] string TrainerOptionsJson);

/// <summary>Asks a site to compute (and keep, unsent) its contribution to one secure sum.</summary>
/// <param name="Study">The study (coordinator key), part of every mask's context.</param>
/// <param name="Kind">What to compute.</param>
/// <param name="Round">The round (0 for input statistics).</param>
/// <param name="Trainer">The trainer the site reads its rows with.</param>
/// <param name="FeatureMeans">Pooled means, for <see cref="ContributionKind.CenteredSquares"/>.</param>
/// <param name="Network">The global network (network file format), for <see cref="ContributionKind.ModelUpdate"/>.</param>
/// <param name="LocalEpochs">Passes over the local rows per round.</param>
/// <param name="ProximalStrength">FedProx's μ; 0 for FedAvg.</param>
/// <param name="ClipNorm">DP-FedAvg's clip norm, or null without differential privacy.</param>
/// <param name="Seed">The study's seed; each site and round derive their own from it.</param>
[GenerateSerializer, Immutable]
internal sealed record ContributionRequest(
    [property: Id(0)] string Study,
    [property: Id(1)] ContributionKind Kind,
    [property: Id(2)] int Round,
    [property: Id(3)] TrainerSpec Trainer,
    [property: Id(4)] double[]? FeatureMeans,
    [property: Id(5)] byte[]? Network,
    [property: Id(6)] int LocalEpochs,
    [property: Id(7)] float ProximalStrength,
    [property: Id(8)] float? ClipNorm,
    [property: Id(9)] int Seed);

/// <summary>Identifies one attempt at one secure sum.</summary>
/// <param name="Study">The study.</param>
/// <param name="Kind">The contribution being summed.</param>
/// <param name="Round">The round.</param>
/// <param name="Attempt">1 for the first masking, one more for each redo after a site dropped out.</param>
[GenerateSerializer, Immutable]
internal sealed record MaskingAttempt([property: Id(0)] string Study, [property: Id(1)] ContributionKind Kind, [property: Id(2)] int Round, [property: Id(3)] int Attempt)
{
    /// <summary>The text every mask of this attempt is derived with.</summary>
    public string Context => $"{Study}|{Kind}|{Round}|{Attempt}";
}

/// <summary>Asks a site for its masked contribution.</summary>
/// <param name="Attempt">The attempt (its key pair was advertised for it).</param>
/// <param name="Sites">Every site in the sum, in roster order.</param>
/// <param name="PublicKeys">Their published keys, in the same order; empty without secure aggregation.</param>
/// <param name="FractionBits">The fixed-point encoding's fraction bits.</param>
[GenerateSerializer, Immutable]
internal sealed record MaskRequest(
    [property: Id(0)] MaskingAttempt Attempt,
    [property: Id(1)] string[] Sites,
    [property: Id(2)] byte[][] PublicKeys,
    [property: Id(3)] int FractionBits);
