using Microsoft.ML;
using MlNetNeural.Federated.Grains;
using MlNetNeural.Federated.Simulation;
using Orleans.Core.Internal;
using Xunit.Abstractions;

namespace MlNetNeural.Federated.Tests;

public sealed class FaultToleranceTests(ITestOutputHelper output)
{
    private const string Killed = "general-hospital";

    [Fact(Timeout = TestLimits.Federation)]
    public async Task A_site_killed_mid_training_is_dropped_and_named_in_the_log_the_run_finishes_the_site_rejoins_and_a_coordinator_restart_resumes()
    {
        var ml = new MLContext(seed: 1);
        var (sites, testRows) = WdbcData.Split();
        // Each site's rows repeated and a wider network, so that a round lasts long enough (a few hundred ms) to be interrupted
        // (15 repeats gave rounds of 30-60 ms once training got faster, and the run ended before the killed silo stopped).
        var heavier = sites.Select(rows => (IReadOnlyList<WdbcRow>)Enumerable.Repeat(rows, 100).SelectMany(r => r).ToList()).ToList();
        var log = new CapturedLog();
        await using var federation = await LocalFederation.StartAsync(WdbcData.SiteViews(ml, heavier), log);
        var events = new List<Task>();
        int restartedAfter = -1;
        var progress = new SynchronousProgress(report =>
        {
            if (report.Round == 2) events.Add(federation.KillSiteAsync(Killed));
            if (report.Round == 3)
                events.Add(federation.Grains.GetGrain<IFederatedCoordinatorGrain>("wdbc-faults").AsReference<IGrainManagementExtension>().DeactivateOnIdle().AsTask());
            if (report.Round == 5 && restartedAfter < 0)
            {
                restartedAfter = report.Round;
                events.Add(Task.WhenAll(events).ContinueWith(_ => federation.StartSiteAsync(Killed)).Unwrap());
            }
        });
        var options = new FederatedOptions
        {
            Study = "wdbc-faults", Trainer = Wider(), Rounds = 10, LocalEpochs = 1,
            RoundDeadline = TimeSpan.FromSeconds(5), MaskingDeadline = TimeSpan.FromSeconds(5),
        };

        var result = await federation.TrainAsync(options, progress);
        await Task.WhenAll(events);
        foreach (var round in result.Rounds) output.WriteLine(round.ToString());

        Assert.Equal(Enumerable.Range(0, options.Rounds + 1), result.Rounds.Select(r => r.Round));
        var dropped = result.Rounds.Where(r => r.Dropped.Any(d => d.Site == Killed)).ToList();
        Assert.NotEmpty(dropped);
        Assert.All(dropped, r => Assert.DoesNotContain(Killed, r.Participants));
        int firstDrop = dropped[0].Round;
        int rejoined = result.Rounds.First(r => r.Round > firstDrop && r.Participants.Contains(Killed)).Round;
        Assert.All(result.Rounds.Where(r => r.Round >= rejoined), r => Assert.Equal(3, r.Participants.Length));
        Assert.Contains(log.Messages, m => m.Contains($"round {firstDrop}: site {Killed} dropped", StringComparison.Ordinal));
        Assert.Contains(log.Messages, m => m.Contains("coordinator deactivating after round", StringComparison.Ordinal));
        double auc = ml.BinaryClassification.Evaluate(result.Transformer.Transform(ml.Data.LoadFromEnumerable(testRows))).AreaUnderRocCurve;
        Assert.True(auc > 0.95, $"AUC after the faults is {auc:F4}");
    }

    [Fact(Timeout = TestLimits.Federation)]
    public async Task Sites_that_miss_the_deadline_are_dropped_with_the_step_and_a_study_without_enough_sites_fails_with_the_reasons()
    {
        var ml = new MLContext(seed: 1);
        await using var federation = await LocalFederation.StartAsync(WdbcData.SiteViews(ml, WdbcData.Split().Sites));
        var options = new FederatedOptions { Study = "wdbc-deadline", Trainer = WdbcFederation.Trainer(), Rounds = 1, RoundDeadline = TimeSpan.FromTicks(1) };

        var error = await Assert.ThrowsAsync<FederatedTrainingException>(() => federation.TrainAsync(options));
        output.WriteLine(error.Message);
        Assert.Contains("Only 0 of 3 sites described their data; the study needs 2", error.Message);
        Assert.Contains("'referral-centre' dropped in describe: missed the describe deadline", error.Message);
    }

    [Fact(Timeout = TestLimits.Federation)]
    public async Task A_finished_study_survives_the_loss_of_every_site_silo_and_a_coordinator_restart_the_same_options_return_its_result()
    {
        var ml = new MLContext(seed: 1);
        await using var federation = await LocalFederation.StartAsync(WdbcData.SiteViews(ml, WdbcData.Split().Sites));
        var options = new FederatedOptions { Study = "wdbc-checkpoint", Trainer = WdbcFederation.Trainer(), Rounds = 2 };
        var first = await federation.TrainAsync(options);

        foreach (string site in federation.Sites) await federation.KillSiteAsync(site);
        await federation.Grains.GetGrain<IFederatedCoordinatorGrain>(options.Study).AsReference<IGrainManagementExtension>().DeactivateOnIdle();
        foreach (string site in federation.Sites) await federation.StartSiteAsync(site);
        var again = await federation.TrainAsync(options);

        // The new coordinator activation read the finished study from its checkpoint: nothing was trained again.
        Assert.Equal(first.Seconds, again.Seconds);
        Assert.Equal(first.Rounds.Select(r => r.Seconds), again.Rounds.Select(r => r.Seconds));
    }

    private static MlNetNeural.Trainers.MlpBinaryTrainer.Options Wider()
    {
        var options = WdbcFederation.Trainer();
        options.HiddenLayers = [128, 128];
        return options;
    }

    /// <summary>Calls the handler on the reporting thread (Progress&lt;T&gt; would post it to the thread pool later).</summary>
    private sealed class SynchronousProgress(Action<RoundReport> handler) : IProgress<RoundReport>
    {
        public void Report(RoundReport value) => handler(value);
    }
}
