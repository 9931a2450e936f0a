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
}
