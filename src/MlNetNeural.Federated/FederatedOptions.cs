using MlNetNeural.Core.Schedules;
using MlNetNeural.Federated.Privacy;
using MlNetNeural.Federated.Protocol;
using MlNetNeural.Federated.Sites;
using MlNetNeural.Trainers;

namespace MlNetNeural.Federated;

/// <summary>
/// One federated study: which sites, which trainer, how many rounds, and the privacy and fault settings. The defaults
/// give FedAvg with secure aggregation and input scaling fitted on pooled statistics.
/// </summary>
public sealed class FederatedOptions
{
    /// <summary>The defaults, in one place.</summary>
    public static class Defaults
    {
        /// <summary>Rounds of local training and averaging: 30.</summary>
        public const int Rounds = 30;

        /// <summary>Local passes over each site's rows per round: 1 (E in McMahan et al. 2017; more saves communication but lets heterogeneous sites drift).</summary>
        public const int LocalEpochs = 1;

        /// <summary>Fewest sites in a sum: 2 (one site's "sum" would be its own update).</summary>
        public const int MinimumSites = 2;

        /// <summary>Masking attempts per sum before a round is skipped: 3.</summary>
        public const int MaskingAttempts = 3;

        /// <summary>Time a site has to train in a round: 10 minutes.</summary>
        public static TimeSpan RoundDeadline { get; } = TimeSpan.FromMinutes(10);

        /// <summary>Time a site has to answer a key or masking request: 30 seconds.</summary>
        public static TimeSpan MaskingDeadline { get; } = TimeSpan.FromSeconds(30);
    }

    /// <summary>The study's name: it keys the coordinator and its checkpoint, so starting the same study again resumes it.</summary>
    public string Study { get; set; } = "federated-study";

    /// <summary>The sites, each the name of a silo that hosts its data (see <c>AddFederatedSite</c>), at least <see cref="MinimumSitesPerRound"/>.</summary>
    public IReadOnlyList<string> Sites { get; set; } = [];

    /// <summary>
    /// The trainer every site trains with: <c>MlpBinaryTrainer.Options</c>, <c>MlpMulticlassTrainer.Options</c> or
    /// <c>MlpRegressionTrainer.Options</c>, exactly as for <c>ml.BinaryClassification.Trainers.Mlp(options)</c>. Its
    /// <c>MaxEpochs</c> is not used (<see cref="Rounds"/> × <see cref="LocalEpochs"/> are), it must have no validation
    /// hold-out and a constant learning rate, and its seed (0 when null) is the study's seed. Its input scaling is fitted
    /// on statistics summed securely across sites before the first round (Robust is done as Standardize: quantiles
    /// cannot be summed).
    /// </summary>
    public MlpTrainerOptions Trainer { get; set; } = new MlpBinaryTrainer.Options();

    /// <summary>Rounds of local training and averaging, at least 1. Default 30.</summary>
    public int Rounds { get; set; } = Defaults.Rounds;

    /// <summary>Local epochs per round, at least 1. Default 1.</summary>
    public int LocalEpochs { get; set; } = Defaults.LocalEpochs;

    /// <summary>
    /// FedProx's μ (Li et al. 2020, "Federated Optimization in Heterogeneous Networks"): local training minimises the loss
    /// plus (μ/2)·‖w − w_global‖², which keeps sites with different case mixes from drifting apart. 0 (default) is FedAvg;
    /// 0.001-1 are the values the paper explores.
    /// </summary>
    public float ProximalStrength { get; set; }

    /// <summary>Mask every contribution so the coordinator sees only sums (Bonawitz et al. 2017). Default true.</summary>
    public bool SecureAggregation { get; set; } = true;

    /// <summary>DP-FedAvg clipping and noise, or null (default) for none.</summary>
    public DifferentialPrivacyOptions? DifferentialPrivacy { get; set; }

    /// <summary>Time a site has to train in a round; a site that misses it is left out of that round. Default 10 minutes.</summary>
    public TimeSpan RoundDeadline { get; set; } = Defaults.RoundDeadline;

    /// <summary>Time a site has to answer a key-exchange or masking request. Default 30 seconds.</summary>
    public TimeSpan MaskingDeadline { get; set; } = Defaults.MaskingDeadline;

    /// <summary>Fewest sites a round averages, at least 2 with secure aggregation; a round with fewer is skipped. Default 2.</summary>
    public int MinimumSitesPerRound { get; set; } = Defaults.MinimumSites;

    /// <summary>Masking attempts per sum (one more each time a site drops out between key exchange and masked sum). Default 3.</summary>
    public int MaskingAttempts { get; set; } = Defaults.MaskingAttempts;

    /// <summary>Throws, naming the setting, when the options cannot run.</summary>
    internal FederatedPlan ToPlan()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Study);
        ArgumentNullException.ThrowIfNull(Sites);
        ArgumentNullException.ThrowIfNull(Trainer);
        if (Sites.Any(string.IsNullOrWhiteSpace)) throw new ArgumentException("Every site needs a name.", nameof(Sites));
        if (Sites.Distinct().Count() != Sites.Count) throw new ArgumentException("A site is listed twice; list each once.", nameof(Sites));
        Require(Rounds >= 1, nameof(Rounds), Rounds, "must be at least 1");
        Require(LocalEpochs >= 1, nameof(LocalEpochs), LocalEpochs, "must be at least 1");
        Require(float.IsFinite(ProximalStrength) && ProximalStrength >= 0, nameof(ProximalStrength), ProximalStrength, "must be 0 (FedAvg) or more");
        Require(MinimumSitesPerRound >= (SecureAggregation ? 2 : 1), nameof(MinimumSitesPerRound), MinimumSitesPerRound,
            SecureAggregation ? "must be at least 2 with secure aggregation (a sum of one site is that site's update)" : "must be at least 1");
        Require(Sites.Count >= MinimumSitesPerRound, nameof(Sites), Sites.Count, $"must list at least {MinimumSitesPerRound} sites (MinimumSitesPerRound)");
        Require(MaskingAttempts >= 1, nameof(MaskingAttempts), MaskingAttempts, "must be at least 1");
        Require(RoundDeadline > TimeSpan.Zero && MaskingDeadline > TimeSpan.Zero, nameof(RoundDeadline), RoundDeadline, "and MaskingDeadline must be above 0");
        Require(Trainer.ValidationFraction is null or 0f, "Trainer.ValidationFraction", Trainer.ValidationFraction,
            "must be null or 0: local training in a round holds no rows out (evaluate the federated model on held-out data instead)");
        Require(Trainer.PeriodicEmbeddings != true, "Trainer.PeriodicEmbeddings", true,
            "must be null or false for federated training (federated models have no periodic embeddings): which features are numeric is decided from the rows, which no site shares");
        Require(Trainer.CompressSkewedFeatures != true, "Trainer.CompressSkewedFeatures", true,
            "must be null or false for federated training (federated models have no log compression): which features are long-tailed, and their medians, are decided from the rows, which no site shares");
        Require(Trainer is not MlpRegressionTrainer.Options { StandardizeLabel: true }, "Trainer.StandardizeLabel", true,
            "must be false for federated regression: the label's mean and scale would have to be pooled across sites, which this version does not do");
        Require(Trainer.LearningRateSchedule is null or LearningRateScheduleKind.Constant, "Trainer.LearningRateSchedule", Trainer.LearningRateSchedule,
            "must be null (automatic: a constant rate here) or Constant: a schedule over one round's local epochs restarts every round");
        Require(Trainer.EnsembleSize is null or 1, "Trainer.EnsembleSize", Trainer.EnsembleSize,
            "must be null (automatic: one network here) or 1 for federated training: the sites train one shared network (train several federated models and average their outputs instead)");
        DifferentialPrivacy?.Validate();
        return new FederatedPlan
        {
            Study = Study, Sites = [.. Sites],
            Trainer = new TrainerSpec((int)TrainerOptionsCodec.TaskOf(Trainer), TrainerOptionsCodec.Write(Trainer)),
            Rounds = Rounds, LocalEpochs = LocalEpochs, ProximalStrength = ProximalStrength, SecureAggregation = SecureAggregation,
            ClipNorm = DifferentialPrivacy?.ClipNorm, NoiseMultiplier = DifferentialPrivacy?.NoiseMultiplier ?? 0f,
            Delta = DifferentialPrivacy?.Delta ?? 1e-5, NoiseSeed = DifferentialPrivacy?.NoiseSeed,
            RoundDeadline = RoundDeadline, MaskingDeadline = MaskingDeadline, MinimumSites = MinimumSitesPerRound,
            MaskingAttempts = MaskingAttempts, Seed = Trainer.Seed ?? 0,
        };
    }

    private static void Require(bool condition, string name, object? value, string rule)
    {
        if (!condition) throw new ArgumentOutOfRangeException(name, value, $"{name} {rule}; it is {value}.");
    }
}
