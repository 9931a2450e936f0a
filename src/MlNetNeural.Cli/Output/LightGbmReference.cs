using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Tabular;

namespace MlNetNeural.Cli.Output;

/// <summary>The reference model: ML.NET's LightGbm with default options, fitted on the same training rows as the MLP with every column the inference kept (<see cref="TabularMlpResult.ReferenceFeaturizer"/>) and tested on the same rows.</summary>
/// <param name="Metric">Its test metric, or null when it could not be fitted or its trees have no split (a constant model).</param>
/// <param name="Problem">Why there is no metric, or null.</param>
/// <param name="Seconds">Seconds to fit and test it.</param>
internal sealed record LightGbmReference(double? Metric, string? Problem, double Seconds)
{
    /// <summary>
    /// Rows each leaf of LightGBM's trees needs with default options (its <c>min_data_in_leaf</c>, which ML.NET's
    /// <c>MinimumExampleCountPerLeaf</c> leaves at LightGBM's default for binary classification and regression): below twice
    /// that, no tree can split. ML.NET's multiclass LightGbm sets a smaller count on small tables (30 rows of 3 classes split).
    /// </summary>
    internal const int DefaultRowsPerLeaf = 20;

    /// <summary>Fits and tests LightGbm; a failure, or a model without a split, is recorded as the <see cref="Problem"/>, not thrown (the MLP's results stand on their own).</summary>
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
            if (GivesOneScore(fitted, result.ReferenceTrainingFeatures))
                return new LightGbmReference(null, $"its trees have no split ({NoSplitCause(trainingRows, task)}), so its model gives every row the same score (a constant)", clock.Elapsed.TotalSeconds);
            var pipeline = new TabularModel(new TransformerChain<ITransformer>(result.ReferenceFeaturizer, fitted), result.Model.InputSchema, result.Model.Decisions);
            double metric = TabularMetric.For(task).Evaluate(ml, pipeline.ScoreWithLabel(ml, testRows));
            return new LightGbmReference(metric, null, clock.Elapsed.TotalSeconds);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new LightGbmReference(null, Reason(e.GetBaseException(), trainingRows, result.Model.Task), clock.Elapsed.TotalSeconds);
        }
    }

    /// <summary>
    /// Why LightGbm failed, in words. ML.NET cannot turn a tree without a split into a model and then throws an
    /// <see cref="ArgumentNullException"/> for "items" (dotnet/machinelearning#5022); with default options that is what
    /// a table of fewer than 2 × <see cref="DefaultRowsPerLeaf"/> training rows gives.
    /// </summary>
    internal static string Reason(Exception failure, int trainingRows, TabularTask task)
    {
        string message = failure.Message.ReplaceLineEndings(" ");
        if (failure is not ArgumentNullException { ParamName: "items" }) return message;
        return $"its trees have no split ({NoSplitCause(trainingRows, task)}), and ML.NET cannot make a model of such trees (dotnet/machinelearning#5022; ML.NET said: {message})";
    }

    // Why LightGbm's trees have no split, in words: too few rows for two leaves of DefaultRowsPerLeaf (not multiclass, whose count ML.NET sets), or the columns.
    private static string NoSplitCause(int trainingRows, TabularTask task) => task != TabularTask.MulticlassClassification && trainingRows < 2 * DefaultRowsPerLeaf
        ? $"with default options each leaf needs {DefaultRowsPerLeaf} rows, so {trainingRows:N0} training rows allow no split"
        : "no column split the training rows";

    /// <summary>
    /// Whether a fitted LightGbm model gives all its training rows the same score: then no tree of it has a split (a split
    /// leaves training rows on both sides), and the model is a constant. Where ML.NET does not throw for such trees
    /// (dotnet/machinelearning#5022 does not happen for every task and size: 25 binary or 38 regression training rows fit),
    /// its test metric is a constant's (AUC 0.5), against which no comparison should be made. Reads the rows only up to the
    /// first score that differs from the first row's, so a model with splits costs a few rows.
    /// </summary>
    internal static bool GivesOneScore(ITransformer fitted, IDataView trainingFeatures)
    {
        var scored = fitted.Transform(trainingFeatures);
        var column = scored.Schema["Score"];
        using var cursor = scored.GetRowCursor([column]);
        // A row's score as values: the class scores of a multiclass model, the one score of the others.
        Func<float[]> read;
        if (column.Type is VectorDataViewType)
        {
            var get = cursor.GetGetter<VBuffer<float>>(column);
            VBuffer<float> buffer = default;
            read = () => { get(ref buffer); return buffer.DenseValues().ToArray(); };
        }
        else
        {
            var get = cursor.GetGetter<float>(column);
            float value = 0;
            read = () => { get(ref value); return [value]; };
        }
        if (!cursor.MoveNext()) return false;
        float[] first = read();
        while (cursor.MoveNext())
            if (!read().AsSpan().SequenceEqual(first)) return false;
        return true;
    }
}
