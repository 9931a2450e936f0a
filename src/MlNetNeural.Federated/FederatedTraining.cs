using System.Diagnostics;
using System.Globalization;
using MlNetNeural.Core.Serialization;
using MlNetNeural.Core.Training;
using MlNetNeural.Federated.Grains;
using MlNetNeural.Federated.Hosting;
using MlNetNeural.Federated.Privacy;
using MlNetNeural.Federated.Protocol;
using MlNetNeural.Federated.Sites;
using MlNetNeural.Models;
using MlNetNeural.Tasks;
using MlNetNeural.Trainers;

namespace MlNetNeural.Federated;

/// <summary>
/// Runs a federated study from any cluster client or silo: starts (or resumes) the study's coordinator, follows its
/// rounds, and returns the trained model as an ordinary MlNetNeural prediction transformer.
/// </summary>
public static class FederatedTraining
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>How long the coordinator may stay unreachable (for example, while it restarts) before the study fails: 30 s.</summary>
    private static readonly TimeSpan UnreachableLimit = TimeSpan.FromSeconds(30);

    /// <summary>Trains an MLP across the sites of <paramref name="options"/> and returns it with the round reports.</summary>
    /// <param name="grains">The cluster's grain factory (an <c>IClusterClient</c>, or a silo's <c>IGrainFactory</c>).</param>
    /// <param name="options">The study.</param>
    /// <param name="progress">Told about every completed round.</param>
    /// <param name="cancellation">Cancels the study after the current step.</param>
    /// <exception cref="FederatedTrainingException">The study failed; the message says why.</exception>
    public static async Task<FederatedTrainingResult> TrainAsync(IGrainFactory grains, FederatedOptions options,
        IProgress<RoundReport>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(options);
        var plan = options.ToPlan();
        var coordinator = grains.GetGrain<IFederatedCoordinatorGrain>(plan.Study);
        var status = await coordinator.Start(plan);
        int reported = 0;
        while (true)
        {
            if (status.Plan is null || !status.Plan.SameAs(plan)) throw new FederatedTrainingException(Lost(plan.Study, reported));
            for (; reported < status.Reports.Count; reported++) progress?.Report(status.Reports[reported]);
            switch (status.State)
            {
                case StudyState.Completed: return Result(plan, status);
                case StudyState.Failed: throw new FederatedTrainingException($"Study '{plan.Study}' failed: {status.Failure}");
                case StudyState.Cancelled: throw new OperationCanceledException($"Study '{plan.Study}' was cancelled after {status.CompletedRounds} rounds.");
            }
            if (cancellation.IsCancellationRequested)
            {
                await coordinator.Cancel();
                cancellation.ThrowIfCancellationRequested();
            }
            await Task.Delay(PollInterval, CancellationToken.None);
            status = await ReadStatus(coordinator, plan.Study);
        }
    }

    /// <summary>Reads the status, retrying for <see cref="UnreachableLimit"/> while the coordinator's silo is unreachable (for example, while it restarts).</summary>
    private static async Task<StudyStatus> ReadStatus(IFederatedCoordinatorGrain coordinator, string study)
    {
        var unreachable = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await coordinator.GetStatus();
            }
            catch (Exception e) when (unreachable.Elapsed < UnreachableLimit && e is not FederatedTrainingException)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
            catch (Exception e)
            {
                throw new FederatedTrainingException(string.Create(CultureInfo.InvariantCulture,
                    $"The coordinator of study '{study}' did not answer for {unreachable.Elapsed.TotalSeconds:0} s: {e.Message}"));
            }
        }
    }

    /// <summary>
    /// The message for a coordinator that no longer holds the study: it restarted and read no checkpoint of this plan
    /// (without this check the client would wait for rounds that never come).
    /// </summary>
    private static string Lost(string study, int reportedRounds) =>
        $"The coordinator of study '{study}' no longer holds it ({reportedRounds} round reports were received): it restarted and found no checkpoint of this study " +
        $"in grain storage '{FederatedSilos.StorageName}', or one of another run under the same name. A storage that keeps state in the cluster's memory loses it when a silo stops; " +
        "register a durable one on every silo (docs/federated.md, section 6), then start the study again.";

    private static FederatedTrainingResult Result(FederatedPlan plan, StudyStatus status)
    {
        var (options, trainer) = TrainerOptionsCodec.Open(plan.Trainer);
        var label = new LabelDescription(status.ClassNames);
        var loss = trainer.CreateLossFor(label);
        var aggregated = status.Reports.Where(r => r.Round > 0 && !r.Skipped).ToList();
        var epochs = aggregated.Select((r, i) => new EpochReport(r.Round, r.TrainLoss ?? double.NaN, null, null, options.LearningRate, r.Seconds, i == aggregated.Count - 1));
        var privacy = new PrivacyReport(plan.SecureAggregation, plan.ClipNorm, plan.NoiseMultiplier, status.NoisedReleases,
            plan.ClipNorm is null ? null : GaussianAccountant.Epsilon(plan.NoiseMultiplier, status.NoisedReleases, plan.Delta), plan.Delta);
        int skipped = status.Reports.Count(r => r.Skipped);
        string message = string.Create(CultureInfo.InvariantCulture,
            $"Federated training ({(plan.ProximalStrength > 0 ? $"FedProx, μ = {plan.ProximalStrength}" : "FedAvg")}) across {plan.Sites.Length} sites: " +
            $"{aggregated.Count} of {plan.Rounds} rounds averaged{(skipped > 0 ? $", {skipped} skipped for too few sites" : "")}, {plan.LocalEpochs} local epochs each; {privacy}.");
        var history = TrainingHistory.Restore(loss.MetricName, aggregated.Count == 0 ? 0 : aggregated[^1].Round, StopReason.MaxEpochsReached, message,
            (int)Math.Min(int.MaxValue, status.TotalRows), 0, status.Seconds, epochs);
        var model = new MlpModelParameters(trainer.Task, NetworkSerializer.FromBytes(status.Network), label.ClassNames, history, DescribeOptions(plan, options, privacy));
        return new FederatedTrainingResult(trainer.CreateTransformerFor(model), status.Reports, privacy, status.Seconds);
    }

    /// <summary>The trainer's options as the trainers list them, then the federated settings (for model cards).</summary>
    private static IReadOnlyList<KeyValuePair<string, string>> DescribeOptions(FederatedPlan plan, MlpTrainerOptions options, PrivacyReport privacy)
    {
        options.Seed ??= plan.Seed;
        var described = MlpSettingsMapper.Describe(options, plan.Seed).Where(o => o.Key != nameof(MlpTrainerOptions.MaxEpochs)).ToList();
        string Text(object value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
        described.Add(new("Federated.Sites", string.Join(", ", plan.Sites)));
        described.Add(new("Federated.Rounds", Text(plan.Rounds)));
        described.Add(new("Federated.LocalEpochs", Text(plan.LocalEpochs)));
        described.Add(new("Federated.ProximalStrength", Text(plan.ProximalStrength)));
        described.Add(new("Federated.InputScaling", options.InputScaling == Core.Training.InputScaling.None
            ? "none" : "Standardize: pooled mean and standard deviation, summed securely across sites" +
              (options.InputScaling == Core.Training.InputScaling.Robust ? " (the trainer's Robust scaling needs quantiles, which a secure sum cannot give)" : "")));
        described.Add(new("Federated.Privacy", privacy.ToString()));
        return described;
    }
}
