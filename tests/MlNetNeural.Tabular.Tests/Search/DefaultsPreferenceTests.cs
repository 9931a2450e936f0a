using Microsoft.ML;

namespace MlNetNeural.Tabular.Tests.Search;

/// <summary>The one-standard-error rule: the defaults stay unless the best validated candidate beats them beyond its noise.</summary>
public class DefaultsPreferenceTests
{
    private static MlpTrial Trial(int number, int candidate, int rung, double metric, double standardError) =>
        new(number, candidate, MlpCandidate.DefaultsFor(TabularTask.BinaryClassification), rung, 10, 1, metric, 0.1, MlpTrialOutcome.Completed,
            StandardError: standardError);

    [Fact]
    public void TheStandardErrorIsTheSampleDeviationOverRootN()
    {
        // Values 1..5: mean 3, sample variance 10 / 4 = 2.5, standard error sqrt(2.5 / 5) = sqrt(0.5).
        Assert.Equal(Math.Sqrt(0.5), DefaultsPreference.StandardError([1, 2, 3, 4, 5]), 12);
        // Undefined values (an AUC on a part without both classes) are left out: 1 and 3 give sqrt(2 / 2); fewer than two give none.
        Assert.Equal(1.0, DefaultsPreference.StandardError([1, double.NaN, 3]), 12);
        Assert.True(double.IsNaN(DefaultsPreference.StandardError([0.9, double.NaN])));
        Assert.True(double.IsNaN(DefaultsPreference.StandardError([])));
    }

    [Theory]
    // AUC: the defaults validated 0.900; the best 0.905 with a standard error of 0.010 is within the noise, 0.915 beyond it.
    [InlineData(true, 0.900, 0.905, 0.010, true)]
    [InlineData(true, 0.900, 0.915, 0.010, false)]
    [InlineData(true, 0.500, 0.750, 0.250, true)]      // a gain of exactly one standard error keeps the defaults
    [InlineData(true, 0.900, 0.915, double.NaN, false)] // without a standard error the best is taken as it is
    // RMSE, lower is better: the defaults validated 5.0; 4.8 ± 0.3 is within the noise, 4.5 ± 0.3 beyond it.
    [InlineData(false, 5.0, 4.8, 0.3, true)]
    [InlineData(false, 5.0, 4.5, 0.3, false)]
    public void TheDefaultsStayUnlessTheBestBeatsThemByMoreThanItsStandardError(bool auc, double defaultsMetric, double bestMetric, double bestError,
        bool keepsDefaults)
    {
        var metric = auc ? TabularMetric.Auc : TabularMetric.Rmse;
        var defaults = Trial(1, 1, 2, defaultsMetric, 0.01);
        var best = Trial(9, 4, 2, bestMetric, bestError);
        Assert.Same(keepsDefaults ? defaults : best, DefaultsPreference.Choose(metric, best, defaults));
    }

    [Fact]
    public void OnlyTheDefaultsOfTheSameRungAndACompletedSearchCount()
    {
        var defaults = Trial(1, 1, 2, 0.90, 0.01);
        var higherRung = Trial(7, 3, 3, 0.901, 0.05);
        Assert.Same(higherRung, DefaultsPreference.Choose(TabularMetric.Auc, higherRung, defaults));
        Assert.Same(defaults, DefaultsPreference.Choose(TabularMetric.Auc, defaults, defaults));
        var best = Trial(5, 2, 2, 0.95, 0.01);
        Assert.Same(best, DefaultsPreference.Choose(TabularMetric.Auc, best, null));
        Assert.Null(DefaultsPreference.Choose(TabularMetric.Auc, null, defaults));
    }

    [Fact]
    public void ASearchKeepsTheDefaultsExactlyWhenTheRuleSaysSo()
    {
        // A small noisy table on which, with this seed, the best candidate validates a little better than the defaults:
        // within its standard error on both validations (found by trying seeds 1-8; the rule decides differently on others).
        var inference = SearchTables.Infer(SearchTables.Binary(rows: 120, seed: 7), "y");
        var data = TabularDataset.Create(inference);
        var (train, _) = data.SplitPositions(0.2, seed: 1);
        foreach (int folds in new[] { 1, 3 })
        {
            var result = MlpSearch.Run(new MLContext(seed: 1), inference, data, train, new MlpSearchOptions { MaxTrials = 14, ValidationFolds = folds, Seed = 2 });
            var completed = result.Trials.Where(t => t.Outcome == MlpTrialOutcome.Completed).ToList();
            // Every trial has a standard error: from the 3 folds, or from the hold-out's 5 parts.
            Assert.All(completed, t => Assert.True(t.StandardError >= 0, $"trial {t.Number}: standard error {t.StandardError}"));
            var top = completed.Where(t => t.Rung == completed.Max(u => u.Rung)).MaxBy(t => t.Metric)!;
            Assert.Same(top, result.BestValidated);
            var defaults = completed[0];
            Assert.True(top != defaults && top.Metric > defaults.Metric && top.Metric - defaults.Metric <= top.StandardError,
                $"{folds} fold(s): best trial {top.Number} AUC {top.Metric} ± {top.StandardError}, defaults {defaults.Metric}");
            Assert.True(result.KeptDefaults);
            Assert.Same(defaults, result.Best);
        }
    }
}
