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
    /// <param name="transformer">A fitted MLP binary classifier (trained with Dropout &gt; 0 for a non-zero spread).</param>
    /// <param name="passes">Stochastic forward passes per row, at least 2.</param>
    /// <param name="seed">Seed of the dropout masks; equal seeds give equal results.</param>
    public static MonteCarloDropoutTransformer WithMonteCarloDropout(this MlpBinaryPredictionTransformer transformer, int passes = DefaultPasses, int seed = 0) =>
        Wrap(transformer, passes, seed);

    /// <summary>A transformer that adds Monte-Carlo dropout uncertainty columns (per-class vectors) for this multiclass classifier.</summary>
    /// <param name="transformer">A fitted MLP multiclass classifier (trained with Dropout &gt; 0 for a non-zero spread).</param>
    /// <param name="passes">Stochastic forward passes per row, at least 2.</param>
    /// <param name="seed">Seed of the dropout masks; equal seeds give equal results.</param>
    public static MonteCarloDropoutTransformer WithMonteCarloDropout(this MlpMulticlassPredictionTransformer transformer, int passes = DefaultPasses, int seed = 0) =>
        Wrap(transformer, passes, seed);

    /// <summary>
    /// The whole fitted pipeline followed by the Monte-Carlo dropout columns of its final MLP classifier:
    /// the output keeps every usual column (PredictedLabel, Score, Probability) and adds the uncertainty columns.
    /// </summary>
    /// <param name="pipeline">A fitted pipeline ending in an MLP binary or multiclass classifier.</param>
    /// <param name="passes">Stochastic forward passes per row, at least 2.</param>
    /// <param name="seed">Seed of the dropout masks; equal seeds give equal results.</param>
    public static TransformerChain<ITransformer> WithMonteCarloDropout<TLast>(this TransformerChain<TLast> pipeline, int passes = DefaultPasses, int seed = 0)
        where TLast : MlpPredictionTransformer
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        return new TransformerChain<ITransformer>([.. pipeline, Wrap(pipeline.LastTransformer, passes, seed)]);
    }

    private static MonteCarloDropoutTransformer Wrap(MlpPredictionTransformer transformer, int passes, int seed)
    {
        ArgumentNullException.ThrowIfNull(transformer);
        return new MonteCarloDropoutTransformer(transformer.Model, transformer.FeatureColumnName, passes, seed);
    }
}
