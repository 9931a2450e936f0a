namespace MlNetNeural.Tabular;

/// <summary>How a trial ended.</summary>
public enum MlpTrialOutcome
{
    /// <summary>Trained and validated; <see cref="MlpTrial.Metric"/> holds its value.</summary>
    Completed,
    /// <summary>Cut off by the time budget or a stop request before it finished; not counted.</summary>
    Cut,
    /// <summary>Training failed (e.g. it diverged) or the metric was undefined; <see cref="MlpTrial.Message"/> says why; not counted.</summary>
    Failed,
}

/// <summary>One training run of the search: a candidate trained for a rung's epochs and validated.</summary>
/// <param name="Number">1-based order in the search.</param>
/// <param name="CandidateNumber">Which candidate (1 is the Mlp's defaults).</param>
/// <param name="Candidate">The configuration.</param>
/// <param name="Rung">The rung of successive halving (0 = fewest epochs); a candidate climbs a rung when it is in the best 1/η of its rung.</param>
/// <param name="Epochs">The epochs it trained for (the rung's budget).</param>
/// <param name="Seed">The trainer's seed (the same for every rung of one candidate).</param>
/// <param name="Metric">The validation metric (mean over the folds with k-fold); NaN unless completed.</param>
/// <param name="Seconds">Wall-clock seconds of the trial.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="Message">Why it failed or was cut; null when completed.</param>
/// <param name="StandardError">
/// The standard error of <paramref name="Metric"/>: the standard deviation of the folds' values over √k with k-fold, of the
/// values on five stratified parts of the hold-out over √5 with one hold-out; NaN when fewer than two of those values are
/// defined. Candidates whose metrics differ by less than this are not told apart by the validation.
/// </param>
/// <param name="EpochsTrained">The epochs trained, summed over the folds: <paramref name="Epochs"/> per fold, or fewer where early
/// stopping or a cut ended a fold sooner (0 when not recorded).</param>
public sealed record MlpTrial(int Number, int CandidateNumber, MlpCandidate Candidate, int Rung, int Epochs, int Seed, double Metric, double Seconds,
    MlpTrialOutcome Outcome, string? Message = null, double StandardError = double.NaN, int EpochsTrained = 0);
