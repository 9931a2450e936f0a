using System.Diagnostics;
using Microsoft.Extensions.Logging;
using MlNetNeural.Core.Serialization;
using MlNetNeural.Federated.Coordination;
using MlNetNeural.Federated.Hosting;
using MlNetNeural.Federated.Privacy;
using MlNetNeural.Federated.Protocol;
using Orleans.Serialization;

namespace MlNetNeural.Federated.Grains;

/// <summary>
/// Runs a study's rounds in the background of its activation and checkpoints the global model and round reports into
/// grain storage <see cref="FederatedSilos.StorageName"/> after every round. After a restart (a new activation) the
/// first call resumes from the last checkpoint; the interrupted round is run again, which gives the same result
/// because every site's training is seeded by the study, round and site.
/// </summary>
[CoordinatorPlacement]
internal sealed class FederatedCoordinatorGrain(
    [PersistentState("study", FederatedSilos.StorageName)] IPersistentState<StudyStatus> state,
    Serializer serializer,
    ILogger<FederatedCoordinatorGrain> logger) : Grain, IFederatedCoordinatorGrain
{
    private const int CheckpointAttempts = 5;
    private Task? _run;
    private bool _cancelled;
    private bool _deactivating;

    public async Task<StudyStatus> Start(FederatedPlan plan)
    {
        var status = state.State;
        if (status.Plan is { } existing && !existing.SameAs(plan) && status.State is StudyState.Preparing or StudyState.Training)
            throw new InvalidOperationException($"Study '{plan.Study}' is already running with other settings; wait for it, cancel it, or choose another study name.");
        if (status.Plan is null || !status.Plan.SameAs(plan) || status.State is StudyState.Failed or StudyState.Cancelled)
        {
            state.State = new StudyStatus { Plan = plan, State = StudyState.Preparing };
            _cancelled = false;
            await Checkpoint();
        }
        EnsureRunning();
        return state.State;
    }

    public Task<StudyStatus> GetStatus()
    {
        EnsureRunning();
        return Task.FromResult(state.State);
    }

    public Task Cancel()
    {
        _cancelled = true;
        return Task.CompletedTask;
    }

    /// <summary>On deactivation (a restart, a silo shutting down) the current round finishes and is checkpointed; the next activation resumes after it.</summary>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _deactivating = true;
        if (_run is { } run) await run.WaitAsync(cancellationToken);
        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    private void EnsureRunning()
    {
        if (_deactivating || _run is { IsCompleted: false } || state.State.Plan is null || state.State.State is not (StudyState.Preparing or StudyState.Training)) return;
        DelayDeactivation(TimeSpan.FromDays(1));
        _run = RunStudy();
    }

    private async Task RunStudy()
    {
        var status = state.State;
        var plan = status.Plan!;
        var calls = new SiteCalls(GrainFactory, serializer);
        try
        {
            if (status.State == StudyState.Preparing)
            {
                var report = await StudyPreparation.Run(calls, plan, status);
                Record(status, report);
                status.State = StudyState.Training;
                await Checkpoint();
            }
            while (status.CompletedRounds < plan.Rounds && !_cancelled && !_deactivating)
            {
                var report = await RunRound(calls, plan, status, status.CompletedRounds + 1);
                Record(status, report);
                status.CompletedRounds++;
                await Checkpoint();
            }
            if (_deactivating && !_cancelled && status.CompletedRounds < plan.Rounds)
            {
                logger.LogInformation("Study {Study}: coordinator deactivating after round {Round}; the next activation resumes from this checkpoint.", plan.Study, status.CompletedRounds);
                return;
            }
            status.State = _cancelled ? StudyState.Cancelled : StudyState.Completed;
            logger.LogInformation("Study {Study}: {State} after {Rounds} rounds.", plan.Study, status.State, status.CompletedRounds);
        }
        catch (Exception e)
        {
            status.State = StudyState.Failed;
            status.Failure = e is FederatedTrainingException ? e.Message : $"{e.GetType().Name}: {e.Message}";
            logger.LogError(e, "Study {Study} failed: {Failure}", plan.Study, status.Failure);
        }
        await Checkpoint();
        DelayDeactivation(TimeSpan.Zero);
    }

    private async Task<RoundReport> RunRound(SiteCalls calls, FederatedPlan plan, StudyStatus status, int round)
    {
        var clock = Stopwatch.StartNew();
        calls.ResetTraffic();
        var request = new ContributionRequest(plan.Study, ContributionKind.ModelUpdate, round, plan.Trainer, null, status.Network,
            plan.LocalEpochs, plan.ProximalStrength, plan.ClipNorm, plan.Seed);
        var (trained, drops) = await calls.CallAll(plan.Sites, "training", plan.RoundDeadline, _ => request,
            (site, r, cancellation) => site.Prepare(r, cancellation));
        var sum = await SecureSum.Run(calls, plan, ContributionKind.ModelUpdate, round, trained.Select(t => t.Site).ToList(), FixedPointEncoding.ModelUpdates);
        drops.AddRange(sum.Drops);
        double? loss = null;
        if (sum.Values is not null)
        {
            var network = NetworkSerializer.FromBytes(status.Network);
            double rows;
            (loss, rows) = GlobalUpdate.Apply(network, sum.Values, sum.Participants.Count, plan, round);
            status.Network = NetworkSerializer.ToBytes(network);
            if (plan.ClipNorm is not null) status.NoisedReleases++;
            else status.TotalRows = rows;
        }
        return new RoundReport
        {
            Round = round, Participants = sum.Values is null ? [] : [.. sum.Participants], Dropped = [.. drops], Skipped = sum.Values is null,
            MaskingAttempts = sum.Attempts, BytesToSites = calls.BytesToSites, BytesFromSites = calls.BytesFromSites,
            Seconds = clock.Elapsed.TotalSeconds, TrainLoss = loss,
        };
    }

    private void Record(StudyStatus status, RoundReport report)
    {
        status.Reports.Add(report);
        status.Seconds += report.Seconds;
        foreach (var drop in report.Dropped)
            logger.LogWarning("Study {Study}, round {Round}: site {Site} dropped in {Step}: {Reason}", status.Plan!.Study, report.Round, drop.Site, drop.Step, drop.Reason);
        logger.LogInformation("Study {Study}: {Report}", status.Plan!.Study, report);
    }

    /// <summary>Writes the state, retrying a few times: a storage grain may sit on a silo that just went down.</summary>
    private async Task Checkpoint()
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await state.WriteStateAsync();
                return;
            }
            catch (Exception e) when (attempt < CheckpointAttempts)
            {
                logger.LogWarning(e, "Checkpoint of study {Study} failed (attempt {Attempt}); retrying.", state.State.Plan?.Study, attempt);
                await Task.Delay(TimeSpan.FromSeconds(attempt));
            }
        }
    }
}
