using Microsoft.ML;

namespace MlNetNeural.Tabular.Tests.Search;

/// <summary>Each trial's standard error: the spread of its folds' values, or of five parts of its hold-out.</summary>
public class ValidationSpreadTests
{
    [Fact]
    public void TheStandardErrorIsTheSampleDeviationOverRootN()
    {
        // Values 1..5: mean 3, sample variance 10 / 4 = 2.5, standard error sqrt(2.5 / 5) = sqrt(0.5).
        Assert.Equal(Math.Sqrt(0.5), ValidationSpread.StandardError([1, 2, 3, 4, 5]), 12);
        // Undefined values (an AUC on a part without both classes) are left out: 1 and 3 give sqrt(2 / 2); fewer than two give none.
        Assert.Equal(1.0, ValidationSpread.StandardError([1, double.NaN, 3]), 12);
        Assert.True(double.IsNaN(ValidationSpread.StandardError([0.9, double.NaN])));
        Assert.True(double.IsNaN(ValidationSpread.StandardError([])));
    }

    [Fact]
    public void EveryCompletedTrialHasTheStandardErrorOfItsValidation()
    {
        // A regression table: its RMSE varies between folds and parts (an easy table's AUC of 1 would not).
        var inference = SearchTables.Infer(SearchTables.Regression(), "y");
        var data = TabularDataset.Create(inference);
        var (train, _) = data.SplitPositions(0.2, seed: 1);
        foreach (int folds in new[] { 1, 3 })
        {
            var result = MlpSearch.Run(new MLContext(seed: 1), inference, data, train, new MlpSearchOptions { MaxTrials = 5, ValidationFolds = folds });
            var completed = result.Trials.Where(t => t.Outcome == MlpTrialOutcome.Completed).ToList();
            Assert.Equal(5, completed.Count);
            // Positive and well below the metric itself: five parts of ~30 rows, or three folds, do not differ by the RMSE's size.
            Assert.All(completed, t => Assert.True(t.StandardError > 0 && t.StandardError < t.Metric / 2,
                $"{folds} fold(s), trial {t.Number}: RMSE {t.Metric} ± {t.StandardError}"));
        }
    }
}
