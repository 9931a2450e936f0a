using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Tabular;

namespace MlNetNeural.Cli.Output;

/// <summary>The reference model: ML.NET's LightGbm with default options, fitted on the same training rows as the MLP with every column the inference kept (<see cref="TabularMlpResult.ReferenceFeaturizer"/>) and tested on the same rows.</summary>
/// <param name="Metric">Its test metric, or null when it could not be fitted.</param>
/// <param name="Problem">Why it could not be fitted, or null.</param>
/// <param name="Seconds">Seconds to fit and test it.</param>
internal sealed record LightGbmReference(double? Metric, string? Problem, double Seconds)
{
    /// <summary>
    /// Rows each leaf of LightGBM's trees needs with default options (its <c>min_data_in_leaf</c>, which ML.NET's
    /// <c>MinimumExampleCountPerLeaf</c> leaves at LightGBM's default): below twice that, no tree can split.
    /// </summary>
    internal const int DefaultRowsPerLeaf = 20;

    /// <summary>Fits and tests LightGbm; a failure is recorded, not thrown (the MLP's results stand on their own).</summary>
    /// <param name="ml">The ML.NET context.</param>
    /// <param name="result">The MLP's fit, whose reference featurization LightGbm reads.</param>
    /// <param name="testRows">The test rows.</param>
    /// <param name="trainingRows">How many rows it is fitted on, for the reason of a failure.</param>
    public static LightGbmReference Evaluate(MLContext ml, TabularMlpResult result, IDataView testRows, int trainingRows)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var task = result.Model.Task;
            IEstimator<ITransformer> trainer = task switch
            {
                TabularTask.BinaryClassification => ml.BinaryClassification.Trainers.LightGbm(),
                TabularTask.MulticlassClassification => ml.MulticlassClassification.Trainers.LightGbm(),
                _ => ml.Regression.Trainers.LightGbm(),
            };
            var fitted = trainer.Fit(result.ReferenceTrainingFeatures);
            var pipeline = new TabularModel(new TransformerChain<ITransformer>(result.ReferenceFeaturizer, fitted), result.Model.InputSchema, result.Model.Decisions);
            double metric = TabularMetric.For(task).Evaluate(ml, pipeline.ScoreWithLabel(ml, testRows));
            return new LightGbmReference(metric, null, clock.Elapsed.TotalSeconds);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new LightGbmReference(null, Reason(e.GetBaseException(), trainingRows), clock.Elapsed.TotalSeconds);
        }
    }

    /// <summary>
    /// Why LightGbm failed, in words. ML.NET cannot turn a tree without a split into a model and then throws an
    /// <see cref="ArgumentNullException"/> for "items" (dotnet/machinelearning#5022); with default options that is what
    /// a table of fewer than 2 × <see cref="DefaultRowsPerLeaf"/> training rows gives.
    /// </summary>
    internal static string Reason(Exception failure, int trainingRows)
    {
        string message = failure.Message.ReplaceLineEndings(" ");
        if (failure is not ArgumentNullException { ParamName: "items" }) return message;
        string why = trainingRows < 2 * DefaultRowsPerLeaf
            ? $"with default options each leaf needs {DefaultRowsPerLeaf} rows, so {trainingRows:N0} training rows allow no split"
            : "no column split the training rows";
        return $"its trees have no split ({why}), and ML.NET cannot make a model of such trees (dotnet/machinelearning#5022; ML.NET said: {message})";
    }
}
