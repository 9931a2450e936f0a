using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Transformers;

namespace MlNetNeural.Uncertainty;

/// <summary>Wraps trained MLP classifiers in <see cref="MonteCarloDropoutTransformer"/>.</summary>
public static class MonteCarloDropoutExtensions
{
    /// <summary>Default number of stochastic passes: enough for a stable spread on typical models.</summary>
    public const int DefaultPasses = 50;

    /// <summary>A transformer that adds Monte-Carlo dropout uncertainty columns for this binary classifier.</summary>
    /// <param name="transformer">A fitted MLP binary classifier (trained with Dropout &gt; 0).</param>
    /// <param name="passes">Stochastic forward passes per row, at least 2.</param>
    /// <param name="seed">Seed of the dropout masks; equal seeds give equal results.</param>
    /// <exception cref="ArgumentException">The model has no dropout (trained with Dropout = 0).</exception>
    public static MonteCarloDropoutTransformer WithMonteCarloDropout(this MlpBinaryPredictionTransformer transformer, int passes = DefaultPasses, int seed = 0) =>
        Wrap(transformer, passes, seed);

    /// <summary>A transformer that adds Monte-Carlo dropout uncertainty columns (per-class vectors) for this multiclass classifier.</summary>
    /// <param name="transformer">A fitted MLP multiclass classifier (trained with Dropout &gt; 0).</param>
    /// <param name="passes">Stochastic forward passes per row, at least 2.</param>
    /// <param name="seed">Seed of the dropout masks; equal seeds give equal results.</param>
    /// <exception cref="ArgumentException">The model has no dropout (trained with Dropout = 0).</exception>
    public static MonteCarloDropoutTransformer WithMonteCarloDropout(this MlpMulticlassPredictionTransformer transformer, int passes = DefaultPasses, int seed = 0) =>
        Wrap(transformer, passes, seed);

    /// <summary>
    /// The whole fitted pipeline followed by the Monte-Carlo dropout columns of its final MLP classifier:
    /// the output keeps every usual column (PredictedLabel, Score, Probability) and adds the uncertainty
    /// columns. Works on a pipeline from <c>Fit</c> and on one from <c>ml.Model.Load</c>.
    /// </summary>
    /// <param name="pipeline">A fitted transformer chain whose last transformer is an MLP binary or multiclass classifier.</param>
    /// <param name="passes">Stochastic forward passes per row, at least 2.</param>
    /// <param name="seed">Seed of the dropout masks; equal seeds give equal results.</param>
    /// <exception cref="ArgumentException">The pipeline does not end in an MLP classifier, or that classifier has no dropout.</exception>
    public static TransformerChain<ITransformer> WithMonteCarloDropout(this ITransformer pipeline, int passes = DefaultPasses, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ITransformer[] transformers = pipeline is IEnumerable<ITransformer> chain ? [.. chain] : [pipeline];
        if (transformers.LastOrDefault() is not MlpPredictionTransformer last)
            throw new ArgumentException(
                $"Monte-Carlo dropout needs a pipeline that ends in an MLP classifier; this one ends in {transformers.LastOrDefault()?.GetType().Name ?? "nothing (it is empty)"}.",
                nameof(pipeline));
        return new TransformerChain<ITransformer>([.. transformers, Wrap(last, passes, seed)]);
    }

    private static MonteCarloDropoutTransformer Wrap(MlpPredictionTransformer transformer, int passes, int seed)
    {
        ArgumentNullException.ThrowIfNull(transformer);
        return new MonteCarloDropoutTransformer(transformer.Model, transformer.FeatureColumnName, passes, seed);
    }
}
