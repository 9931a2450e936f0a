using Microsoft.ML;

namespace MlNetNeural.Tabular.Tests.Search;

/// <summary>The search: the defaults come first at the top rung, the same seed and trial count repeat it, limits and stops end it.</summary>
public class MlpSearchTests
{
    private static readonly TableInference Inference = SearchTables.Infer(SearchTables.Binary(), "y");

    private static MlpSearchResult Search(MlpSearchOptions options)
    {
        var data = TabularDataset.Create(Inference);
        var (train, _) = data.SplitPositions(0.2, seed: 1);
        return MlpSearch.Run(new MLContext(seed: 1), Inference, data, train, options);
    }

    [Fact]
    public void TheDefaultsComeFirstAtTheTopRungThenAshaOnRungZero()
    {
        var result = Search(new MlpSearchOptions { MaxTrials = 5, ValidationFolds = 1 });
        Assert.Equal(MlpSearchStop.TrialLimit, result.StoppedBy);
        Assert.Equal(5, result.Trials.Count);
        var first = result.Trials[0];
        Assert.True(first.Candidate.IsDefaults);
        Assert.Equal(2, first.Rung);
        Assert.Equal(new Trainers.MlpBinaryTrainer.Options().MaxEpochs, first.Epochs);
        Assert.Equal(result.RungEpochs[^1], first.Epochs);
        // Trials 2-4 are new candidates on rung 0; after three results the best of them climbs to rung 1.
        Assert.All(result.Trials.Skip(1).Take(3), t => Assert.Equal((0, t.Number), (t.Rung, t.CandidateNumber)));
        var best = result.Trials.Skip(1).Take(3).OrderByDescending(t => t.Metric).ThenBy(t => t.CandidateNumber).First();
        Assert.Equal((1, best.CandidateNumber), (result.Trials[4].Rung, result.Trials[4].CandidateNumber));
        Assert.All(result.Trials, t => Assert.Equal(MlpTrialOutcome.Completed, t.Outcome));
        Assert.Contains("hold-out", result.Validation);
        // The choice is the best of the highest rung: only the defaults reached rung 2.
        Assert.Same(first, result.Best);
    }

    [Fact]
    public void TheSameSeedAndTrialCountGiveTheSameTrials()
    {
        var options = new MlpSearchOptions { MaxTrials = 6, Seed = 4, ValidationFolds = 2 };
        var a = Search(options);
        var b = Search(options);
        Assert.Equal(a.Trials.Select(t => (t.CandidateNumber, t.Rung, t.Seed, t.Metric, t.Candidate.ToString())),
            b.Trials.Select(t => (t.CandidateNumber, t.Rung, t.Seed, t.Metric, t.Candidate.ToString())));
        var other = Search(new MlpSearchOptions { MaxTrials = 6, Seed = 5, ValidationFolds = 2 });
        Assert.Equal(a.Trials[1].Candidate, other.Trials[1].Candidate);            // the portfolio comes first whatever the seed
        Assert.NotEqual(a.Trials[3].Candidate.ToString(), other.Trials[3].Candidate.ToString()); // then the random draws differ
        Assert.Contains("2-fold", a.Validation);
        Assert.Equal(0, a.ReservedSeconds); // a trial limit alone keeps no time for the ensemble: the trials do not depend on it
        Assert.Equal(MlpSearchOptions.DefaultEnsembleSize, a.FinalEnsembleSize); // ... and trains every network asked for
    }

    [Fact]
    public void ATimeBudgetKeepsTimeForTheEnsemblesFurtherMembers()
    {
        // The search ends where the budget less the time kept for the further members of the final fit begins (as many of
        // the 4 as half the budget holds, each the best trial's time scaled to every training row), not at the end of the budget.
        var budget = TimeSpan.FromSeconds(10);
        double firstTrialEnd = double.NaN;
        var result = Search(new MlpSearchOptions
        {
            TimeBudget = budget, ValidationFolds = 1, EnsembleSize = 5,
            Progress = p => { if (p.Event == MlpSearchEvent.TrialFinished && p.Trial.Number == 1) firstTrialEnd = p.Elapsed.TotalSeconds; },
        });
        Assert.Equal(MlpSearchStop.TimeBudget, result.StoppedBy);
        Assert.NotNull(result.Best);
        // One fit: the best trial's seconds scaled from its 80% hold-out training part to every training row (× 1.25).
        int further = result.FinalEnsembleSize - 1;
        Assert.InRange(result.ReservedSeconds, further * 1.2 * result.Best.Seconds, further * 1.3 * result.Best.Seconds);
        Assert.InRange(result.ReservedSeconds, 0, budget.TotalSeconds / 2);
        // The time kept is that of the further members the final fit trains.
        Assert.InRange(result.FinalEnsembleSize, 1, 5);
        if (result.FinalEnsembleSize == 1) Assert.Equal(0, result.ReservedSeconds);
        // A trial running at the deadline is cut at its next epoch. Nothing is kept before the first trial completes, so on a
        // slow machine the search ends with that trial, after the deadline.
        double deadline = budget.TotalSeconds - result.ReservedSeconds;
        Assert.InRange(result.Seconds, Math.Min(deadline, firstTrialEnd), Math.Max(deadline, firstTrialEnd) + 0.5);
    }

    [Theory]
    // requested, seconds of one fit, budget: seconds kept, networks trained
    [InlineData(5, 2.0, 60.0, 8.0, 5)]     // 4 further fits of 2 s fit easily
    [InlineData(5, 7.5, 60.0, 30.0, 5)]    // exactly half the budget: still all five
    [InlineData(5, 20.0, 60.0, 20.0, 2)]   // half the budget holds one further fit of 20 s: that one is kept, no more
    [InlineData(5, 100.0, 60.0, 0.0, 1)]   // not even one: a single network, and the search keeps its whole budget
    [InlineData(3, 10.0, 60.0, 20.0, 3)]
    [InlineData(1, 10.0, 60.0, 0.0, 1)]
    public void TheTimeKeptForTheEnsembleAndItsSizeFollowFromOneFitsTime(int requested, double oneFit, double budget, double reserve, int members)
    {
        var (kept, trained) = MlpSearch.EnsembleWithinBudget(requested, oneFit, budget);
        Assert.Equal(reserve, kept, 9);
        Assert.Equal(members, trained);
    }

    [Theory]
    // seconds of search and final fit so far, seconds per member so far, budget: whether the next member is left out
    [InlineData(50.0, 10.0, 60.0, false)]  // ends at 60 s, within the budget
    [InlineData(56.0, 10.0, 60.0, false)]  // ends at 66 s: exactly the budget and its 10% grace
    [InlineData(57.0, 10.0, 60.0, true)]   // would end at 67 s
    [InlineData(20.0, 50.0, 60.0, true)]   // one slow member would take the run far past its budget
    public void TheFinalFitStartsNoMemberThatWouldEndPastTheBudgetAndItsGrace(double elapsed, double perMember, double budget, bool leftOut) =>
        Assert.Equal(leftOut, TabularMlp.NoTimeForAnotherMember(elapsed, perMember, budget));

    [Fact]
    public void AStopRequestEndsTheSearchAndKeepsWhatCompleted()
    {
        using var stop = new CancellationTokenSource();
        var result = Search(new MlpSearchOptions
        {
            MaxTrials = 50, ValidationFolds = 1, Stop = stop.Token,
            Progress = p => { if (p.Event == MlpSearchEvent.TrialFinished && p.Trial.Number == 2) stop.Cancel(); },
        });
        Assert.Equal(MlpSearchStop.Stopped, result.StoppedBy);
        Assert.Equal(2, result.Trials.Count);
        Assert.NotNull(result.Best);
    }

    [Fact]
    public void ABudgetLongerThanATimerCanCountIsKeptByTheClock()
    {
        // CancellationTokenSource.CancelAfter refuses more than 2^32 - 2 ms (49.7 days): the search must not.
        var result = Search(new MlpSearchOptions { TimeBudget = TimeSpan.FromDays(100), MaxTrials = 1, ValidationFolds = 1, EnsembleSize = 1 });
        Assert.Equal(MlpSearchStop.TrialLimit, result.StoppedBy);
        Assert.Single(result.Trials);
    }

    [Fact]
    public void BinaryFoldsAreCappedAtTheRarerClassesRowsAndTooFewRowsOfAClassAreRefused()
    {
        // 40 training rows, 3 of them "yes": 5 folds would leave two folds without a "yes" row, whose AUC is undefined.
        var text = new System.Text.StringBuilder("x,y\n");
        for (int i = 0; i < 40; i++) text.Append($"{i % 7},{(i is 3 or 17 or 29 ? "yes" : "no")}\n");
        var inference = SearchTables.Infer(text.ToString(), "y");
        var data = TabularDataset.Create(inference);
        int[] all = [.. Enumerable.Range(0, data.RowCount)];
        var result = MlpSearch.Run(new MLContext(seed: 1), inference, data, all, new MlpSearchOptions { MaxTrials = 1, ValidationFolds = 5, EnsembleSize = 1 });
        Assert.Contains("3-fold stratified cross-validation of the 40 training rows (not 5: the class 'yes' has 3 training rows", result.Validation);
        Assert.Equal(MlpTrialOutcome.Completed, result.Trials[0].Outcome);
        int[] oneYes = [.. all.Where(p => p != 3 && p != 17)];
        var error = Assert.Throws<TabularDataException>(() => MlpSearch.Run(new MLContext(seed: 1), inference, data, oneYes, new MlpSearchOptions { MaxTrials = 1, ValidationFolds = 1 }));
        Assert.Equal(TabularProblem.TooFewRows, error.Problem);
        Assert.Contains("the class 'yes' has 1 of the 38 training rows; validating needs at least 2", error.Message);
    }

    [Fact]
    public void ATimeBudgetCutsTheRunningTrialAndDoesNotCountIt()
    {
        // The first trial's first epoch outlasts the budget (its progress report waits until the budget has passed):
        // that trial is cut, recorded as cut, and nothing is chosen.
        var budget = TimeSpan.FromSeconds(3);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = Search(new MlpSearchOptions
        {
            TimeBudget = budget, ValidationFolds = 1,
            Progress = p =>
            {
                var wait = budget - clock.Elapsed + TimeSpan.FromMilliseconds(300);
                if (p.Event == MlpSearchEvent.Epoch && p.EpochsDone == 1 && wait > TimeSpan.Zero) Thread.Sleep(wait);
            },
        });
        Assert.Equal(MlpSearchStop.TimeBudget, result.StoppedBy);
        Assert.Equal(MlpTrialOutcome.Cut, Assert.Single(result.Trials).Outcome);
        Assert.Null(result.Best);
    }

    [Fact]
    public void AFirstTrialThatCannotFinishIsCutAtHalfTheBudgetAndTheDefaultsGetTheRest()
    {
        // Every epoch of a trial takes 200 ms more: the defaults' 200 epochs would take 40 s of a 6 s budget. The search cuts
        // the trial at 3 s, and the final fit trains the defaults for what the other 3 s hold at that pace (each epoch on
        // every training row 1/0.8 of a fold's), not for all 200 epochs on top of the whole budget.
        var inference = Inference;
        var data = TabularDataset.Create(inference);
        var (train, _) = data.SplitPositions(0.2, seed: 1);
        var budget = TimeSpan.FromSeconds(6);
        var result = TabularMlp.Fit(new MLContext(seed: 1), inference, data, train, new MlpSearchOptions
        {
            TimeBudget = budget, ValidationFolds = 1, EnsembleSize = 1,
            Progress = p => { if (p.Event == MlpSearchEvent.Epoch && p.Trial.Number > 0) Thread.Sleep(200); },
        });
        var first = Assert.Single(result.Search.Trials);
        Assert.Equal(MlpTrialOutcome.Cut, first.Outcome);
        Assert.InRange(result.Search.Seconds, 3, 5);                 // half the budget and the epoch running then
        Assert.InRange(first.EpochsTrained, 1, 16);                  // at most 3 s / 0.2 s and the epoch that ends past it
        int epochs = result.Search.DefaultsEpochs ?? throw new Xunit.Sdk.XunitException("no epochs for the defaults");
        Assert.InRange(epochs, 1, 12);                               // at most (6 - 3) s / (0.2 s / 0.8), against 200 before
        Assert.Equal(epochs, result.Chosen.Epochs);
        Assert.Contains($"the time budget cut the first after {first.EpochsTrained} epochs", result.Chosen.Message);
        Assert.Contains($"the defaults are fitted for {epochs} epochs", result.Chosen.Message);
        Assert.Null(Search(new MlpSearchOptions { MaxTrials = 1, ValidationFolds = 1 }).DefaultsEpochs); // a completed trial needs none
    }

    [Fact]
    public void ProgressReportsEveryEpochOfEveryFold()
    {
        var epochs = new List<(int Done, int Total)>();
        Search(new MlpSearchOptions { MaxTrials = 1, ValidationFolds = 2, Progress = p => { if (p.Event == MlpSearchEvent.Epoch) epochs.Add((p.EpochsDone, p.EpochsTotal)); } });
        int total = 2 * new Trainers.MlpBinaryTrainer.Options().MaxEpochs;
        Assert.Equal(Enumerable.Range(1, total).Select(d => (d, total)), epochs);
    }

    [Fact]
    public void CandidatesKeepEveryOtherOptionAtItsDefault()
    {
        var candidate = MlpSearchSpace.Default.Draw(new Random(3), trainingRows: 1000);
        var options = new Trainers.MlpRegressionTrainer.Options();
        var defaults = new Trainers.MlpRegressionTrainer.Options();
        candidate.ApplyTo(options);
        Assert.Equal(candidate.HiddenLayers, options.HiddenLayers);
        Assert.Equal(Core.Optimizers.OptimizerKind.AdamW, options.Optimizer);
        Assert.Equal(0f, options.L2Penalty);
        Assert.Equal(defaults.MaxEpochs, options.MaxEpochs);
        Assert.Equal(defaults.InputScaling, options.InputScaling);
        Assert.Equal(defaults.EarlyStoppingPatience, options.EarlyStoppingPatience);
        Assert.Equal(defaults.ValidationFraction, options.ValidationFraction);

        var unchanged = new Trainers.MlpRegressionTrainer.Options();
        MlpCandidate.DefaultsFor(TabularTask.Regression).ApplyTo(unchanged);
        Assert.Equal(defaults.HiddenLayers, unchanged.HiddenLayers);
        Assert.Equal(defaults.Optimizer, unchanged.Optimizer);
        Assert.Equal(defaults.L2Penalty, unchanged.L2Penalty);
    }

    [Fact]
    public void CandidatesWithEmbeddingsDrawTheirLearningRateFactorFromAGeneratorOfTheirOwn()
    {
        var space = MlpSearchSpace.Default;
        MlpCandidate[] Candidates(MlpSearchSpace s)
        {
            Random values = new(9), columns = new(10), embeddingRates = new(11);
            return [.. Enumerable.Range(0, 60).Select(i => s.Next(i, values, columns, embeddingRates, 500, 40, TabularTask.Regression))];
        }
        var drawn = Candidates(space);
        Assert.All(drawn.Take(space.Portfolio.Count), c => Assert.Null(c.EmbeddingLearningRateFactor)); // the portfolio keeps the default
        var random = drawn.Skip(space.Portfolio.Count).ToArray();
        Assert.All(random.Where(c => c.PeriodicEmbeddings == false), c => Assert.Null(c.EmbeddingLearningRateFactor));
        var factors = random.Where(c => c.PeriodicEmbeddings != false).Select(c => c.EmbeddingLearningRateFactor!.Value).ToArray();
        Assert.NotEmpty(factors);
        Assert.All(factors, f => Assert.InRange(f, space.EmbeddingLearningRateFactor.Min * 0.999f, space.EmbeddingLearningRateFactor.Max * 1.001f));
        Assert.Contains(factors, f => f < 0.5f);
        Assert.Contains(factors, f => f > 1f);

        // Every other value is the one a space with the trainer's default factor alone draws.
        float fixedFactor = Core.Layers.PeriodicEmbeddingSpec.DefaultLearningRateFactor;
        var alone = Candidates(space with { EmbeddingLearningRateFactor = (fixedFactor, fixedFactor) });
        Assert.Equal(alone.Select(c => (c with { EmbeddingLearningRateFactor = null }).ToString()), drawn.Select(c => (c with { EmbeddingLearningRateFactor = null }).ToString()));
        Assert.All(alone.Where(c => c.EmbeddingLearningRateFactor is not null), c => Assert.Equal(fixedFactor, c.EmbeddingLearningRateFactor!.Value, 6));

        var options = new Trainers.MlpRegressionTrainer.Options();
        var withFactor = random.First(c => c.EmbeddingLearningRateFactor is not null);
        withFactor.ApplyTo(options);
        Assert.Equal(withFactor.EmbeddingLearningRateFactor!.Value, options.PeriodicEmbeddingLearningRateFactor);
        Assert.Contains(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"(embedding lr ×{withFactor.EmbeddingLearningRateFactor:0.##})"), withFactor.ToString());
        var withoutFactor = new Trainers.MlpRegressionTrainer.Options();
        drawn[0].ApplyTo(withoutFactor);
        Assert.Null(withoutFactor.PeriodicEmbeddingLearningRateFactor); // the trainer's automatic choice
    }

    [Fact]
    public void TextSlotsAreNeverPeriodicallyEmbedded()
    {
        // x1 and x2 beside 512 text slots: the trainer's automatic choice (at most 256 varying features) counted the slots and
        // embedded nothing; now it embeds x1 and x2 alone, in every trial and in the final fit.
        string text = string.Concat(SearchTables.Binary().Split('\n').Select((line, i) =>
            line.Length == 0 ? "" : i == 0 ? $"{line},remark\n" : $"{line},the remark {i % 150} written on the form {i % 7}\n"));
        var withText = SearchTables.Infer(text, "y");
        Assert.Equal(ColumnKind.Text, withText.Columns.Single(c => c.Name == "remark").Kind);
        var data = TabularDataset.Create(withText);
        var (train, _) = data.SplitPositions(0.2, seed: 1);
        var result = TabularMlp.Fit(new MLContext(seed: 1), withText, data, train, new MlpSearchOptions { MaxTrials = 1, ValidationFolds = 1, EnsembleSize = 1 });
        var mlp = (MlNetNeural.Transformers.MlpPredictionTransformer)((IEnumerable<ITransformer>)result.Model.Pipeline).Last();
        var embedding = Assert.Single(mlp.Model.Network.Layers.OfType<MlNetNeural.Core.Layers.PeriodicEmbeddingLayer>());
        Assert.Equal([0, 1], embedding.EmbeddedFeatures);                       // x1, x2 (then x2's indicator, the colours, the text)
        Assert.Equal(TextFeatures.FirstSlot(result.TrainingFeatures, withText), mlp.Model.Network.InputSize - 512);
    }

    [Fact]
    public void DrawnValuesStayInsideTheSpace()
    {
        var space = MlpSearchSpace.Default;
        var random = new Random(11);
        for (int i = 0; i < 200; i++)
        {
            var c = space.Draw(random, trainingRows: 300);
            Assert.Contains(c.HiddenLayers.Count, space.Depths);
            Assert.All(c.HiddenLayers, w => Assert.Contains(w, space.Widths));
            Assert.InRange(c.Dropout, space.Dropout.Min, space.Dropout.Max);
            Assert.InRange(c.LearningRate, space.LearningRate.Min * 0.999f, space.LearningRate.Max * 1.001f);
            Assert.InRange(c.WeightDecay!.Value, space.WeightDecay.Min * 0.999f, space.WeightDecay.Max * 1.001f);
            Assert.True(c.BatchSize * space.MinimumBatchesPerEpoch <= 300, $"batch {c.BatchSize} gives fewer than {space.MinimumBatchesPerEpoch} batches of 300 rows");
        }
    }
}
