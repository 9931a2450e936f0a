using Microsoft.ML;
using Microsoft.ML.Runtime;

namespace MlNetNeural.MlNet.Internals;

/// <summary>
/// A transformer of ours that <c>mlContext.Model.Load</c> can rebuild. Implement it together with
/// <see cref="ICanSaveModel"/>, whose <c>Save</c> calls <see cref="ModelPersistence.Save{TTransformer}"/>.
/// The loader finds the type by its full name and assembly name, stored in the model file: renaming or
/// moving the type makes older model files unreadable.
/// </summary>
/// <typeparam name="TSelf">The implementing transformer type.</typeparam>
internal interface ILoadableTransformer<TSelf> where TSelf : class, ITransformer, ILoadableTransformer<TSelf>
{
    /// <summary>Version of the payload format that <see cref="ICanSaveModel.Save"/> writes now; stored in the file.</summary>
    static abstract uint PayloadVersion { get; }

    /// <summary>
    /// Rebuilds the transformer from the payload its <c>Save</c> wrote. Must read the whole payload;
    /// throw <see cref="InvalidDataException"/> for a <paramref name="payloadVersion"/> it cannot read.
    /// </summary>
    /// <param name="env">The environment (MLContext) the model is being loaded into.</param>
    /// <param name="payload">Reader positioned at the start of the payload.</param>
    /// <param name="payloadVersion">The <see cref="PayloadVersion"/> of the code that wrote the file.</param>
    static abstract TSelf Load(IHostEnvironment env, BinaryReader payload, uint payloadVersion);
}
