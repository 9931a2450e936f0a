using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Tabular;

namespace MlNetNeural.Cli.Output;

/// <summary>
/// What a model that learned nothing scores on the test rows, so that <c>train</c> can say when the MLP is no better:
/// AUC 0.5, give or take the spread of the AUC of a score unrelated to the label (its variance under that hypothesis is
/// (n₊ + n₋ + 1) / (12 n₊ n₋), the Mann-Whitney statistic's; Hanley and McNeil 1982, "The meaning and use of the area
/// under a receiver operating characteristic (ROC) curve", Radiology 143); macro accuracy 1/k for k classes, give or take
/// the spread of k per-class recalls of a guess; for regression the RMSE of predicting the training rows' mean.
/// </summary>
/// <param name="Score">The chance score of the task's metric on these test rows.</param>
/// <param name="Spread">Its standard deviation over test sets of this size (0 for regression, where the RMSE of the mean is the bar itself).</param>
/// <param name="Guess">The guess that scores it, in words.</param>
internal sealed record ChanceLevel(double Score, double Spread, string Guess)
{
    /// <summary>Regression: an RMSE within this fraction of the mean's is taken as no better than it (R² of about 0.04 or less).</summary>
    public const double RegressionMargin = 0.02;

    /// <summary>The chance level of <paramref name="task"/> on scored test rows with their converted label (<c>Label</c>).</summary>
    /// <param name="task">The task.</param>
    /// <param name="scoredTest">The test rows scored, with the converted label (<see cref="TabularModel.ScoreWithLabel"/>).</param>
    /// <param name="trainingLabels">The training rows with the converted label column <c>Label</c> (regression: its mean is the guess).</param>
    public static ChanceLevel Of(TabularTask task, IDataView scoredTest, IDataView trainingLabels)
    {
        switch (task)
        {
            case TabularTask.BinaryClassification:
            {
                var counts = ClassCounts.Of(scoredTest)!;
                double negatives = counts[0], positives = counts[1];
                double spread = positives > 0 && negatives > 0 ? Math.Sqrt((positives + negatives + 1) / (12 * positives * negatives)) : 0;
                return new ChanceLevel(0.5, spread, "a score unrelated to the label");
            }
            case TabularTask.MulticlassClassification:
            {
                var counts = ClassCounts.Of(scoredTest)!;
                double p = 1.0 / counts.Length;
                double spread = Math.Sqrt(counts.Where(n => n > 0).Sum(n => p * (1 - p) / n)) / counts.Length;
                return new ChanceLevel(p, spread, $"a guess among the {counts.Length} classes");
            }
            default:
            {
                double mean = trainingLabels.GetColumn<float>("Label").Average(v => (double)v);
                var test = scoredTest.GetColumn<float>("Label").ToArray();
                double rmse = test.Length == 0 ? double.NaN : Math.Sqrt(test.Average(v => (v - mean) * (v - mean)));
                return new ChanceLevel(rmse, 0, $"the training rows' mean ({Number(mean)}) for every row");
            }
        }
    }

    /// <summary>Whether <paramref name="metric"/> is no better than this level: within two spreads of it (or, for RMSE, within <see cref="RegressionMargin"/> of it or worse).</summary>
    public bool Covers(double metric, bool higherIsBetter) => higherIsBetter
        ? metric <= Score + 2 * Spread
        : metric >= Score * (1 - RegressionMargin);

    /// <summary>The level in words, e.g. "0.5 ± 0.1053" (two spreads) or "12.34".</summary>
    public string Text => Spread > 0 ? $"{Number(Score)} ± {Number(2 * Spread)}" : Number(Score);

    private static string Number(double value) => value.ToString("G4", System.Globalization.CultureInfo.InvariantCulture);
}
