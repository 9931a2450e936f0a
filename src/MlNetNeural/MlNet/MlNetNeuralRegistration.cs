using Microsoft.ML;
using MlNetNeural.MlNet.Internals;

namespace MlNetNeural;

/// <summary>Makes an <see cref="MLContext"/> able to load models that contain MlNetNeural transformers.</summary>
public static class MlNetNeuralRegistration
{
    /// <summary>
    /// Registers MlNetNeural's model loader in <paramref name="mlContext"/>, so that
    /// <c>mlContext.Model.Load</c> can rebuild MlNetNeural transformers from a saved model. Call it once per
    /// MLContext before loading (calling it again does nothing). ML.NET looks loaders up per MLContext, so
    /// without this call loading fails with an exception that names this method. Saving needs no registration.
    /// </summary>
    /// <param name="mlContext">The context that will load models.</param>
    /// <returns><paramref name="mlContext"/>, for chaining.</returns>
    /// <exception cref="NotSupportedException">The loaded Microsoft.ML is not a version MlNetNeural supports (the message names the supported ones).</exception>
    /// <example><code>
    /// var ml = new MLContext().RegisterMlNetNeural();
    /// ITransformer model = ml.Model.Load("credit.zip", out DataViewSchema inputSchema);
    /// </code></example>
    public static MLContext RegisterMlNetNeural(this MLContext mlContext)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ModelLoaderRegistration.Register(mlContext);
        return mlContext;
    }

    /// <summary>
    /// Registers MlNetNeural's model loader in <paramref name="mlContext"/> (as <see cref="RegisterMlNetNeural(MLContext)"/>)
    /// with the given load options, e.g. a higher <see cref="MlNetNeuralLoadOptions.MaxModelBytes"/> for a large network you
    /// trust. A later call with options replaces them for this MLContext.
    /// </summary>
    /// <param name="mlContext">The context that will load models.</param>
    /// <param name="options">How models are loaded.</param>
    /// <returns><paramref name="mlContext"/>, for chaining.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (the message names it).</exception>
    /// <example><code>
    /// var ml = new MLContext().RegisterMlNetNeural(new MlNetNeuralLoadOptions { MaxModelBytes = 512L * 1024 * 1024 });
    /// </code></example>
    public static MLContext RegisterMlNetNeural(this MLContext mlContext, MlNetNeuralLoadOptions options)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(options);
        ModelLoaderRegistration.Register(mlContext, options);
        return mlContext;
    }
}
