using Microsoft.ML.Transforms;

namespace MlNetNeural.MlNet.Internals;

/// <summary>
/// Reached only when a model holding one of our transformers is loaded into an MLContext where our loader
/// was not registered: ML.NET then falls back to its custom-mapping loader, which registers this assembly
/// and asks this factory for a mapping, and the factory explains what to call instead.
/// </summary>
[CustomMappingFactoryAttribute(ContractName)]
internal sealed class UnregisteredLoaderGuard : CustomMappingFactory<UnregisteredLoaderGuard.NoColumns, UnregisteredLoaderGuard.NoColumns>
{
    /// <summary>Contract name stored in every model entry we write.</summary>
    public const string ContractName = "MlNetNeural.RegistrationRequired";

    /// <summary>The message of the exception thrown when our loader is missing.</summary>
    public const string Message =
        "This model contains an MlNetNeural transformer, and MlNetNeural's model loader is not registered in this MLContext. " +
        "Call mlContext.RegisterMlNetNeural() (namespace MlNetNeural) on the MLContext before mlContext.Model.Load.";

    /// <summary>Always throws <see cref="InvalidOperationException"/> with <see cref="Message"/>.</summary>
    public override Action<NoColumns, NoColumns> GetMapping() => throw new InvalidOperationException(Message);

    /// <summary>Placeholder row type required by <see cref="CustomMappingFactory{TSrc, TDst}"/>.</summary>
    public sealed class NoColumns;
}
