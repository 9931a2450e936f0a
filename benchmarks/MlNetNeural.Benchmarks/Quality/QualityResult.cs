using MlNetNeural.Tabular;

namespace MlNetNeural.Benchmarks.Quality;

/// <summary>One fit and test: a table, a normalizer, a model, a repeat (split seed), the metric and the fit time.</summary>
/// <param name="Table">The table's short name.</param>
/// <param name="Task">The inferred task.</param>
/// <param name="Normalizer">The normalizer's short name.</param>
/// <param name="Model">The model's short name.</param>
/// <param name="Seed">The split seed (also the MLContext seed).</param>
/// <param name="Metric">AUC, macro accuracy or RMSE on the test rows; NaN when the fit failed.</param>
/// <param name="FitSeconds">Seconds to fit normalizer and trainer on the featurized training rows.</param>
/// <param name="LogLoss">ML.NET's log-loss of the probabilities on the test rows (classification; infinite when a test row's class got
/// probability 0); NaN for regression, failed fits and results of CSV files written before the column existed.</param>
/// <param name="Error">The exception message when the fit or evaluation failed; null otherwise.</param>
public sealed record QualityResult(string Table, TabularTask Task, string Normalizer, string Model, int Seed, double Metric, double FitSeconds, double LogLoss, string? Error = null);

/// <summary>What the report says about a table besides the results.</summary>
/// <param name="Name">The short name.</param>
/// <param name="Task">The inferred task.</param>
/// <param name="Rows">Rows with a label.</param>
/// <param name="Numeric">Numeric feature columns.</param>
/// <param name="Categorical">Categorical feature columns.</param>
/// <param name="Text">Free-text feature columns.</param>
/// <param name="Ignored">Columns left out (identifiers, constants, overrides).</param>
/// <param name="MissingCells">Missing cells in the file.</param>
/// <param name="Features">Length of the featurized vector in the last split (missing-value indicators depend on which rows are in its training part).</param>
public sealed record QualityTableFacts(string Name, TabularTask Task, int Rows, int Numeric, int Categorical, int Text, int Ignored, int MissingCells, int Features)
{
    /// <summary>Whether the table has non-numeric feature columns (one-hot or text features): the "text tables" of the summary.</summary>
    public bool HasTextColumns => Categorical + Text > 0;
}
