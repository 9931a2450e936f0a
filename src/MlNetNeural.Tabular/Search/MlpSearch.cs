using System.Diagnostics;
using Microsoft.ML;

namespace MlNetNeural.Tabular;

/// <summary>
/// Searches the Mlp's width, depth, dropout, learning rate, weight decay, batch size, periodic embeddings and schedule
/// (<see cref="MlpSearchSpace"/>) by random search with asynchronous successive halving (ASHA; Li et al. 2020), the
/// epochs being the budget of each rung. The first trial is always the Mlp's defaults trained at the top rung, so the
/// search never chooses a candidate that validated worse than them. Sequential and seeded: the same data, seed and
/// <see cref="MlpSearchOptions.MaxTrials"/> give the same trials and the same choice. Most users call
/// <see cref="TabularMlp.Fit"/>, which also fits the chosen candidate on every training row.
/// </summary>
public static class MlpSearch
{
    /// <summary>Runs the search on some rows of a dataset.</summary>
    /// <param name="ml">The ML.NET context.</param>
    /// <param name="inference">The column decisions (for the featurization).</param>
    /// <param name="data">The typed table.</param>
    /// <param name="trainingPositions">The rows to search on (e.g. the training part of a train/test split); validation folds are cut from them.</param>
    /// <param name="options">Budget, seed, validation, space, stop and progress.</param>
    /// <returns>Every trial and the chosen one.</returns>
    public static MlpSearchResult Run(MLContext ml, TableInference inference, TabularDataset data, IReadOnlyList<int> trainingPositions, MlpSearchOptions options)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(inference);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(trainingPositions);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return new Runner(ml, inference, data, trainingPositions, options).Run();
    }

    /// <summary>
    /// The members the final fit trains after a search with a budget of <paramref name="budgetSeconds"/>: one, plus as many
    /// further fits of <paramref name="oneFitSeconds"/> as half the budget holds, at most <paramref name="requested"/>; and the
    /// time the search keeps for those further fits. Without the limit a large table's run was several times its budget
    /// (1,000,000 rows, <c>--time 60</c>: 3 min 22 s, five networks of about 30 s each after 30 s of search).
    /// </summary>
    internal static (double Reserve, int Members) EnsembleWithinBudget(int requested, double oneFitSeconds, double budgetSeconds)
    {
        int members = oneFitSeconds > 0 ? Math.Min(requested, 1 + (int)Math.Floor(budgetSeconds / 2 / oneFitSeconds + 1e-9)) : requested;
        return ((members - 1) * oneFitSeconds, members);
    }

    /// <summary>
    /// The share of the time budget after which a search in which no trial has completed yet ends, cutting the running trial
    /// (normally the first, the defaults at the top rung): 0.5, so that the final fit of the defaults gets the other half
    /// (<see cref="MlpSearchResult.DefaultsEpochs"/>). Before, the first trial could take the whole budget and be cut, and the
    /// final fit then trained the defaults for every epoch of the top rung on top of it (police_deaths with its text as
    /// FeaturizeText made it, <c>--time 30</c>: 41 s of search, then 290 s of final fit).
    /// </summary>
    public const double FirstTrialShare = 0.5;

    /// <summary>The stream number, below every candidate's, that seeds the column selection draws (<see cref="MlpSearchSpace.DrawTopColumns"/>).</summary>
    private const int ColumnSelectionStream = -1;

    /// <summary>The stream number that seeds the embeddings' learning-rate factors (<see cref="MlpSearchSpace.DrawEmbeddingLearningRateFactor"/>).</summary>
    private const int EmbeddingLearningRateStream = -2;

    /// <summary>The trainer's seed of candidate <paramref name="candidateNumber"/> in a search seeded with <paramref name="searchSeed"/> (SplitMix64 of both).</summary>
    internal static int CandidateSeed(int searchSeed, int candidateNumber) => Core.Randomness.DeterministicRandom.DeriveSeed(searchSeed, candidateNumber);

    private sealed class Runner
    {
        private readonly MLContext _ml;
        private readonly TableInference _inference;
        private readonly TabularDataset _data;
        private readonly IReadOnlyList<int> _positions;
        private readonly MlpSearchOptions _options;
        private readonly TabularTask _task;
        private readonly TabularMetric _metric;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly List<MlpTrial> _trials = [];
        private readonly List<MlpCandidate> _candidates = [];
        private MlpTrial? _best;
        private CancellationTokenSource? _budget;
        private ValidationPlan? _plan;

        public Runner(MLContext ml, TableInference inference, TabularDataset data, IReadOnlyList<int> positions, MlpSearchOptions options)
        {
            _ml = ml;
            _inference = inference;
            _data = data;
            _positions = positions;
            _options = options;
            _task = inference.Label.Task;
            _metric = TabularMetric.For(_task);
        }

        public MlpSearchResult Run()
        {
            using var budget = _budget = CancellationTokenSource.CreateLinkedTokenSource(_options.Stop);
            // The timer cuts a trial still running at the end; it cannot count past 2³² − 2 ms (49.7 days), and a budget
            // that long is ended by the clock between trials (PastDeadline) instead.
            if (_options.TimeBudget is { } limit && limit.TotalMilliseconds <= uint.MaxValue - 1) budget.CancelAfter(limit);
            var epochs = AshaScheduler.RungEpochs(MlpTrainerFactory.DefaultEpochs(_task), _options.RungCount, _options.ReductionFactor);
            var asha = new AshaScheduler(_options.RungCount, _options.ReductionFactor, _metric);
            var random = new Random(_options.Seed);
            var columnRandom = new Random(CandidateSeed(_options.Seed, ColumnSelectionStream));
            var embeddingRandom = new Random(CandidateSeed(_options.Seed, EmbeddingLearningRateStream));
            int rankableColumns = _inference.Schema.RankableFeatures.Count;
            var plan = _plan = ValidationPlan.Create(_ml, _inference, _data, _positions, _options);
            _candidates.Add(MlpCandidate.DefaultsFor(_task));
            var informative = _options.Space.InformativeColumns(plan.InformativeColumns, rankableColumns, _task);
            int drawn = 0;
            // The defaults first and, where the table calls for it, the informative-columns candidate, both at the top rung
            // (the choice is the best of the highest rung, so a candidate must reach it to replace the defaults); then ASHA:
            // a promotion when one is due, else a new candidate (the portfolio's, then random ones) on rung 0.
            (int Candidate, int Rung) NextTrial()
            {
                if (_trials.Count == 0) return (0, asha.TopRung);
                if (informative is { } first)
                {
                    informative = null;
                    return (Add(first), asha.TopRung);
                }
                return asha.NextPromotion() ?? (Add(_options.Space.Next(drawn++, random, columnRandom, embeddingRandom, plan.TrainingRows, rankableColumns, _task)), 0);
            }

            MlpSearchStop stop;
            while (true)
            {
                if (_options.Stop.IsCancellationRequested) { stop = MlpSearchStop.Stopped; break; }
                if (budget.IsCancellationRequested || PastDeadline()) { stop = MlpSearchStop.TimeBudget; break; }
                if (_trials.Count >= _options.MaxTrials) { stop = MlpSearchStop.TrialLimit; break; }

                var (candidate, rung) = NextTrial();
                var trial = RunTrial(plan, candidate, rung, epochs[rung], budget.Token);
                _trials.Add(trial);
                if (trial.Outcome == MlpTrialOutcome.Completed)
                {
                    asha.Record(candidate, rung, trial.Metric);
                    if (Chooses(trial)) _best = trial;
                }
                Report(MlpSearchEvent.TrialFinished, trial, 0, 0);
            }
            double seconds = _clock.Elapsed.TotalSeconds;
            return new MlpSearchResult(_metric, plan.Description, _trials, _best, stop, seconds, epochs, Reserve(), FinalEnsemble().Members, DefaultsEpochs(plan, seconds, epochs[^1]));
        }

        /// <summary>
        /// The epochs of the defaults the rest of the time budget holds at the pace of the first trial when the budget cut it
        /// and nothing completed (its seconds per epoch, scaled from a fold's training rows to all of them); else null.
        /// </summary>
        private int? DefaultsEpochs(ValidationPlan plan, double searchSeconds, int topEpochs)
        {
            if (_best is not null || _options.TimeBudget is not { } budget || _options.Stop.IsCancellationRequested) return null;
            if (_trials is not [{ Outcome: MlpTrialOutcome.Cut, EpochsTrained: > 0 } first, ..]) return null;
            double secondsPerEpoch = first.Seconds / first.EpochsTrained * _positions.Count / plan.TrainingRows;
            return Math.Clamp((int)Math.Floor((budget.TotalSeconds - searchSeconds) / secondsPerEpoch), 1, topEpochs);
        }

        /// <summary>
        /// The seconds of the time budget kept for the final fit's ensemble members beyond the first, and the networks it trains
        /// (<see cref="EnsembleWithinBudget"/>); none kept and all of them without a time budget, an ensemble or a completed trial.
        /// </summary>
        private (double Reserve, int Members) FinalEnsemble() => OneFitSeconds() is { } oneFit
            ? EnsembleWithinBudget(_options.EnsembleSize, oneFit, _options.TimeBudget!.Value.TotalSeconds)
            : (0, _options.EnsembleSize);

        /// <summary>Seconds of the time budget kept for the final fit's ensemble members beyond the first.</summary>
        private double Reserve() => FinalEnsemble().Reserve;

        /// <summary>
        /// The estimated seconds of one final fit of the best candidate so far (its trial's seconds per fold, scaled from the
        /// fold's training rows to all of them); null without a time budget, an ensemble or a completed trial.
        /// </summary>
        private double? OneFitSeconds()
        {
            if (_options.TimeBudget is null || _options.EnsembleSize == 1 || _best is not { } best || _plan is not { } plan) return null;
            return best.Seconds / plan.Folds.Count * _positions.Count / plan.TrainingRows;
        }

        /// <summary>
        /// True once the search has used its budget less what it keeps for the ensemble; before any trial completed, once it has
        /// used <see cref="FirstTrialShare"/> of it, so that the final fit of the defaults has the rest.
        /// </summary>
        private bool PastDeadline() => _options.TimeBudget is { } budget &&
            _clock.Elapsed.TotalSeconds >= (_best is null ? budget.TotalSeconds * FirstTrialShare : budget.TotalSeconds - Reserve());

        private int Add(MlpCandidate candidate)
        {
            _candidates.Add(candidate);
            return _candidates.Count - 1;
        }

        // The choice is the best of the highest rung reached: a higher rung trained longer and survived a comparison.
        private bool Chooses(MlpTrial trial) =>
            _best is null || trial.Rung > _best.Rung || (trial.Rung == _best.Rung && _metric.IsBetter(trial.Metric, _best.Metric));

        private MlpTrial RunTrial(ValidationPlan plan, int candidate, int rung, int epochs, CancellationToken stop)
        {
            var clock = Stopwatch.StartNew();
            int seed = CandidateSeed(_options.Seed, candidate + 1);
            var trial = new MlpTrial(_trials.Count + 1, candidate + 1, _candidates[candidate], rung, epochs, seed, double.NaN, 0, MlpTrialOutcome.Cut);
            int total = epochs * plan.Folds.Count, done = 0;
            Report(MlpSearchEvent.TrialStarted, trial, 0, total);
            var values = new List<double>();
            var spread = new List<double>();
            try
            {
                foreach (var (train, validation, classCounts, parts) in plan.FoldsFor(trial.Candidate.TopColumns))
                {
                    var trainer = MlpTrainerFactory.Create(_ml, _task, o =>
                    {
                        trial.Candidate.ApplyTo(o, classCounts);
                        o.MaxEpochs = epochs;
                        o.PeriodicEmbeddingsSlotLimit = TextFeatures.FirstSlot(train, _inference);
                        o.Seed = seed;
                        o.EnsembleSize = 1; // a trial compares candidates; only the final fit averages networks
                        o.CancellationToken = stop;
                        o.ProgressCallback = _ => Report(MlpSearchEvent.Epoch, trial, ++done, total);
                    });
                    var model = trainer.Fit(train);
                    if (stop.IsCancellationRequested) return Ended(trial, clock, MlpTrialOutcome.Cut, "cut by the time budget or a stop request", done);
                    double value = _metric.Evaluate(_ml, model.Transform(validation));
                    if (!double.IsFinite(value)) return Ended(trial, clock, MlpTrialOutcome.Failed, $"the validation {_metric.DisplayName} is undefined", done);
                    values.Add(value);
                    if (parts.Count == 0) spread.Add(value);
                    else spread.AddRange(parts.Select(part => _metric.Evaluate(_ml, model.Transform(part))));
                }
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                return Ended(trial, clock, MlpTrialOutcome.Cut, "cut by the time budget or a stop request", done);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                return Ended(trial, clock, MlpTrialOutcome.Failed, e.GetBaseException().Message.ReplaceLineEndings(" "), done);
            }
            return trial with
            {
                Metric = values.Average(), Seconds = clock.Elapsed.TotalSeconds, Outcome = MlpTrialOutcome.Completed,
                StandardError = ValidationSpread.StandardError(spread), EpochsTrained = done,
            };
        }

        private static MlpTrial Ended(MlpTrial trial, Stopwatch clock, MlpTrialOutcome outcome, string message, int epochsTrained) =>
            trial with { Seconds = clock.Elapsed.TotalSeconds, Outcome = outcome, Message = message, EpochsTrained = epochsTrained };

        private void Report(MlpSearchEvent kind, MlpTrial trial, int done, int total)
        {
            // The running trial is cut where the search must end to keep the ensemble's time (the budget's own end cancels it anyway).
            if (kind == MlpSearchEvent.Epoch && PastDeadline()) _budget!.Cancel();
            if (_options.Progress is not { } progress) return;
            var elapsed = _clock.Elapsed;
            TimeSpan? remaining = _options.TimeBudget is { } limit ? TimeSpan.FromSeconds(Math.Max(0, limit.TotalSeconds - Reserve() - elapsed.TotalSeconds)) : null;
            int? trialsLeft = _options.MaxTrials - _trials.Count;
            progress(new MlpSearchProgress(kind, trial, done, total, _best, elapsed, remaining, trialsLeft));
        }
    }
}
