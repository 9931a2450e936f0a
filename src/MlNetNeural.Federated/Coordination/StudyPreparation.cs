using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Training;
using MlNetNeural.Core.Randomness;
using MlNetNeural.Core.Serialization;
using MlNetNeural.Federated.Privacy;
using MlNetNeural.Federated.Protocol;
using MlNetNeural.Federated.Sites;
using MlNetNeural.Tasks;
using MlNetNeural.Trainers;

namespace MlNetNeural.Federated.Coordination;

/// <summary>
/// Before the first round: the sites describe their data's shape (which must agree), the input statistics are
/// aggregated securely in two passes (counts and sums, then squared deviations from the pooled means), and the initial
/// global network is built from the trainer's options with a feature-scaling first layer fitted on those statistics.
/// </summary>
internal static class StudyPreparation
{
    private const int InitializationStream = 1;

    /// <summary>Fills the status's shape and initial network; returns the round-0 report. Throws when the sites disagree or too few answer.</summary>
    public static async Task<RoundReport> Run(SiteCalls calls, FederatedPlan plan, StudyStatus status)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        calls.ResetTraffic();
        var (descriptions, drops) = await calls.CallAll(plan.Sites, "describe", plan.RoundDeadline, _ => plan.Trainer,
            (site, trainer, _) => site.Describe(trainer));
        if (descriptions.Count < plan.MinimumSites)
            throw new FederatedTrainingException($"Only {descriptions.Count} of {plan.Sites.Length} sites described their data; the study needs {plan.MinimumSites}. {Describe(drops)}");
        var (first, shape) = descriptions[0];
        foreach (var (site, description) in descriptions.Skip(1))
        {
            if (description.FeatureCount != shape.FeatureCount || !description.ClassNames.SequenceEqual(shape.ClassNames))
                throw new FederatedTrainingException(
                    $"Site '{site}' has {description.FeatureCount} features and classes [{string.Join(", ", description.ClassNames)}] but site '{first}' has " +
                    $"{shape.FeatureCount} and [{string.Join(", ", shape.ClassNames)}]. Every site must build the feature and label columns the same way.");
        }
        status.FeatureCount = shape.FeatureCount;
        status.ClassNames = shape.ClassNames;

        var participants = descriptions.Select(d => d.Site).ToList();
        var (options, trainer) = TrainerOptionsCodec.Open(plan.Trainer);
        int attempts = 0;
        FeatureScalingSpec? scaling = null;
        if (options.InputScaling != InputScaling.None)
        {
            var sums = await SumStatistics(calls, plan, ContributionKind.FeatureSums, participants, null, drops);
            double[] means = sums.Values![1..].Select(sum => sum / sums.Values[0]).ToArray();
            var squares = await SumStatistics(calls, plan, ContributionKind.CenteredSquares, sums.Participants, means, drops);
            scaling = ScalingFrom(means, squares.Values!, options.InputClipBound, options.LearnableInputGain);
            participants = [.. squares.Participants];
            attempts = sums.Attempts + squares.Attempts;
            status.TotalRows = squares.Values![0];
        }
        var loss = trainer.CreateLossFor(new LabelDescription(status.ClassNames));
        var architecture = MlpSettingsMapper.WithFrontLayers(MlpSettingsMapper.ToMultilayerPerceptron(options, status.FeatureCount, loss.OutputSize), scaling);
        status.Network = NetworkSerializer.ToBytes(architecture.Build(DeterministicRandom.ForStream(plan.Seed, InitializationStream)));
        return new RoundReport
        {
            Round = 0, Participants = [.. participants], Dropped = [.. drops], MaskingAttempts = attempts,
            BytesToSites = calls.BytesToSites, BytesFromSites = calls.BytesFromSites, Seconds = clock.Elapsed.TotalSeconds,
        };
    }

    /// <summary>
    /// The trainer's input scaling from pooled statistics: shift by the mean, scale by the inverse standard deviation
    /// (population form, as <see cref="InputScalingFit"/>'s Standardize), with the trainer's clip bound and gain; a
    /// constant feature gets scale 0. The trainer's Robust scaling (median and IQR) needs order statistics, which a
    /// secure sum cannot give: federated training standardizes instead, and the model card says so.
    /// </summary>
    public static FeatureScalingSpec ScalingFrom(double[] means, double[] centeredSquares, float clipBound, bool learnableGain)
    {
        double rows = centeredSquares[0];
        var shift = new float[means.Length];
        var scale = new float[means.Length];
        for (int j = 0; j < means.Length; j++)
        {
            double deviation = Math.Sqrt(Math.Max(0, centeredSquares[j + 1] / rows));
            shift[j] = (float)means[j];
            scale[j] = deviation > 0 ? (float)(1 / deviation) : 0f;
        }
        return new FeatureScalingSpec(shift, scale, clipBound, learnableGain);
    }

    private static async Task<SumResult> SumStatistics(SiteCalls calls, FederatedPlan plan, ContributionKind kind, IReadOnlyList<string> sites,
        double[]? means, List<SiteDrop> drops)
    {
        var request = new ContributionRequest(plan.Study, kind, 0, plan.Trainer, means, null, 0, 0f, null, plan.Seed);
        var (prepared, prepareDrops) = await calls.CallAll(sites, "statistics", plan.RoundDeadline, _ => request,
            (site, r, cancellation) => site.Prepare(r, cancellation));
        drops.AddRange(prepareDrops);
        var sum = await SecureSum.Run(calls, plan, kind, 0, prepared.Select(p => p.Site).ToList(), FixedPointEncoding.FeatureStatistics);
        drops.AddRange(sum.Drops);
        if (sum.Values is null)
            throw new FederatedTrainingException($"The input statistics could not be aggregated: {sum.Participants.Count} sites remained, the study needs {plan.MinimumSites}. {Describe(drops)}");
        return sum;
    }

    private static string Describe(IEnumerable<SiteDrop> drops) => string.Join(" ", drops.Select(d => $"'{d.Site}' dropped in {d.Step}: {d.Reason}."));
}
