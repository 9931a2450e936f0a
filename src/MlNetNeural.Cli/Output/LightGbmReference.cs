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
    /// <summary>Fits and tests LightGbm; a failure is recorded, not thrown (the MLP's results stand on their own).</summary>
    public static LightGbmReference Evaluate(MLContext ml, TabularMlpResult result, IDataView testRows)
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
            return new LightGbmReference(null, e.GetBaseException().Message.ReplaceLineEndings(" "), clock.Elapsed.TotalSeconds);
        }
    }
}
