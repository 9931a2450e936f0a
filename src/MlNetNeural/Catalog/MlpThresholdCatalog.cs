using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Transformers;

namespace MlNetNeural;

/// <summary>
/// The decision threshold of a binary MLP: <c>mlContext.BinaryClassification.ChangeMlpThreshold(model, threshold)</c>, the
/// counterpart of ML.NET's <c>ChangeModelThreshold</c>, which takes only ML.NET's own <c>BinaryPredictionTransformer</c>
/// (a sealed class whose constructor is internal, so it cannot wrap an MLP).
/// </summary>
public static class MlpThresholdCatalog
{
    /// <summary>
    /// A copy of <paramref name="model"/> whose PredictedLabel is true when Probability is above <paramref name="threshold"/>
    /// (Score and Probability are unchanged). Saved and loaded with the model. Unlike ML.NET's <c>ChangeModelThreshold</c>,
    /// whose threshold applies to the raw Score, this one is a probability, e.g. 1/6 to decide "bad" when accepting a bad
    /// loan costs five times rejecting a good one (Elkan 2001: predict positive when p ≥ c₁₀ / (c₁₀ + c₀₁)).
    /// </summary>
    /// <param name="catalog"><c>mlContext.BinaryClassification</c>.</param>
    /// <param name="model">A fitted binary MLP, e.g. <c>pipeline.LastTransformer</c>.</param>
    /// <param name="threshold">A probability strictly between 0 and 1; 0.5 gives back ML.NET's rule (Score &gt; 0).</param>
    /// <returns>The new transformer; <paramref name="model"/> itself when the threshold is already <paramref name="threshold"/>.</returns>
    /// <remarks>
    /// ML.NET's <c>BinaryClassification.Evaluate</c> counts a row as positive when Score &gt; 0 and ignores PredictedLabel,
    /// for ML.NET's own thresholds too (dotnet/machinelearning issue 4554): to evaluate the decisions at another threshold,
    /// give the evaluator a score shifted by <see cref="MlpBinaryPredictionTransformer.ScoreThreshold"/>.
    /// </remarks>
    public static MlpBinaryPredictionTransformer ChangeMlpThreshold(this BinaryClassificationCatalog catalog, MlpBinaryPredictionTransformer model, float threshold)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(model);
        return model.Threshold == threshold ? model : new MlpBinaryPredictionTransformer(model.Model, model.FeatureColumnName, threshold);
    }

    /// <summary>
    /// The fitted <paramref name="pipeline"/> with its binary MLP replaced by one whose PredictedLabel uses
    /// <paramref name="threshold"/> (see the other overload): convenient for a chain that is saved as a whole. Steps after
    /// the MLP are kept; a calibrator among them rewrites Probability but not PredictedLabel, so the threshold applies to
    /// the MLP's own probability.
    /// </summary>
    /// <param name="catalog"><c>mlContext.BinaryClassification</c>.</param>
    /// <param name="pipeline">A fitted chain (from <c>Fit</c> or <c>ml.Model.Load</c>) holding one binary MLP at its top level.</param>
    /// <param name="threshold">A probability strictly between 0 and 1.</param>
    /// <exception cref="ArgumentException">The chain holds no binary MLP, or more than one, at its top level.</exception>
    public static TransformerChain<ITransformer> ChangeMlpThreshold(this BinaryClassificationCatalog catalog, ITransformer pipeline, float threshold)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(pipeline);
        ITransformer[] steps = pipeline is IEnumerable<ITransformer> chain ? [.. chain] : [pipeline];
        int[] binary = steps.Select((step, index) => step is MlpBinaryPredictionTransformer ? index : -1).Where(index => index >= 0).ToArray();
        if (binary.Length != 1)
            throw new ArgumentException(
                $"The pipeline must hold exactly one binary MLP (from ml.BinaryClassification.Trainers.Mlp) at its top level; it holds {binary.Length}. Its steps are {string.Join(", ", steps.Select(s => s.GetType().Name))}.",
                nameof(pipeline));
        steps[binary[0]] = catalog.ChangeMlpThreshold((MlpBinaryPredictionTransformer)steps[binary[0]], threshold);
        return new TransformerChain<ITransformer>(steps);
    }
}
