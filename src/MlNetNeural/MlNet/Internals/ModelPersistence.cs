using System.Reflection;
using System.Text;
using Microsoft.ML;
using Microsoft.ML.Runtime;
using Microsoft.ML.Transforms;
using MlNetNeural.Models.Format;

namespace MlNetNeural.MlNet.Internals;

/// <summary>
/// Writes our transformers into ML.NET model files and reads them back, through ML.NET's internal
/// save/load contexts.
/// </summary>
/// <remarks>
/// Layout of a transformer's model entry: ML.NET's header, then two string-table indices (a contract name
/// and our assembly name), then our envelope: the transformer's type name, its payload version, the payload
/// length and the payload bytes. The header names our loader (<see cref="LoaderSignature"/>, added to a
/// catalog by <see cref="ModelLoaderRegistration.Register"/>) and, as fallback, ML.NET's custom-mapping
/// loader; the two indices are what that fallback reads, so that loading into an MLContext without our
/// loader reaches <see cref="UnregisteredLoaderGuard"/> and fails with a message saying what to call.
/// </remarks>
internal static class ModelPersistence
{
    /// <summary>The loader signature our loader is registered under in an ML.NET component catalog.</summary>
    public const string LoaderSignature = "MlNetNeuralTransformer";

    // ML.NET's custom-mapping loader (LambdaTransform, Microsoft.ML.Transforms 5.0.1): signature, model
    // signature and version with which it reads the contract name and then the contract assembly name.
    private const string CustomMappingLoaderSignature = "CustomTransformer";
    private const string CustomMappingModelSignature = "CUSTOMXF";
    private const uint CustomMappingVersionWithAssemblyName = 0x00010002;
    private const uint CustomMappingOldestReadableVersion = 0x00010001;

    /// <summary>
    /// Writes <typeparamref name="TTransformer"/>'s payload into <paramref name="ctx"/>. Call it from
    /// <see cref="ICanSaveModel.Save"/>; ML.NET finishes the entry after Save returns.
    /// </summary>
    /// <param name="ctx">The context ML.NET passed to <see cref="ICanSaveModel.Save"/>.</param>
    /// <param name="writePayload">Writes the transformer's state; read back by <see cref="ILoadableTransformer{TSelf}.Load"/>.</param>
    public static void Save<TTransformer>(ModelSaveContext ctx, Action<BinaryWriter> writePayload)
        where TTransformer : class, ITransformer, ILoadableTransformer<TTransformer> =>
        Save(ctx, typeof(TTransformer), TTransformer.PayloadVersion, writePayload);

    /// <summary>
    /// The same as <see cref="Save{TTransformer}"/> for a transformer type known only at run time (a base class
    /// saving on behalf of its subclasses). <paramref name="transformerType"/> must implement
    /// <see cref="ILoadableTransformer{TSelf}"/> for itself, or the file could not be loaded.
    /// </summary>
    /// <param name="ctx">The context ML.NET passed to <see cref="ICanSaveModel.Save"/>.</param>
    /// <param name="transformerType">The concrete type <c>Load</c> will rebuild.</param>
    /// <param name="payloadVersion">That type's <see cref="ILoadableTransformer{TSelf}.PayloadVersion"/>.</param>
    /// <param name="writePayload">Writes the transformer's state.</param>
    public static void Save(ModelSaveContext ctx, Type transformerType, uint payloadVersion, Action<BinaryWriter> writePayload)
    {
        ArgumentNullException.ThrowIfNull(transformerType);
        if (!transformerType.IsAssignableTo(typeof(ILoadableTransformer<>).MakeGenericType(transformerType)))
            throw new InvalidOperationException($"{transformerType.FullName} cannot be saved: it does not implement ILoadableTransformer<{transformerType.Name}>, so it could not be loaded again.");
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(writePayload);
        MlNetCompatibility.EnsureSupported();

        long length = PassThroughWriteStream.Measure(writePayload);
        if (length > int.MaxValue)
            throw new InvalidOperationException($"{transformerType.FullName} would store {length} bytes; one model entry holds at most {int.MaxValue}.");

        var versionInfo = MlNetMembers.Invoke(MlNetMembers.VersionInfoConstructor.Value, null,
            CustomMappingModelSignature, CustomMappingVersionWithAssemblyName, CustomMappingVersionWithAssemblyName,
            CustomMappingOldestReadableVersion, typeof(CustomMappingFactoryAttributeAttribute).Assembly.FullName,
            LoaderSignature, CustomMappingLoaderSignature);
        MlNetMembers.Invoke(MlNetMembers.SaveContextSetVersionInfo.Value, ctx, versionInfo);
        MlNetMembers.Invoke(MlNetMembers.SaveContextSaveString.Value, ctx, UnregisteredLoaderGuard.ContractName);
        MlNetMembers.Invoke(MlNetMembers.SaveContextSaveString.Value, ctx, OwnAssemblyName);

        var main = (BinaryWriter)MlNetMembers.SaveContextWriter.Value.GetValue(ctx)!;
        main.Write(TypeKey(transformerType));
        main.Write(payloadVersion);
        main.Write((int)length);
        main.Flush();
        var counted = new PassThroughWriteStream(main.BaseStream);
        using (var writer = new BinaryWriter(counted, Encoding.UTF8, leaveOpen: true))
            writePayload(writer);
        if (counted.BytesWritten != length)
            throw new InvalidOperationException($"{transformerType.FullName} wrote {counted.BytesWritten} payload bytes after measuring {length}: its Save must write the same bytes every time.");
    }

    /// <summary>
    /// Our loader, invoked by ML.NET's component catalog with its <c>ModelLoadContext</c> (internal, hence
    /// <see cref="object"/>). Registered by <see cref="ModelLoaderRegistration.Register"/>.
    /// </summary>
    public static ITransformer Load(IHostEnvironment env, object modelLoadContext)
    {
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(modelLoadContext);
        MlNetCompatibility.EnsureSupported();
        string contract = (string)MlNetMembers.Invoke(MlNetMembers.LoadContextLoadString.Value, modelLoadContext)!;
        string assembly = (string)MlNetMembers.Invoke(MlNetMembers.LoadContextLoadString.Value, modelLoadContext)!;
        if (contract != UnregisteredLoaderGuard.ContractName || assembly != OwnAssemblyName)
            throw new InvalidDataException($"Not an MlNetNeural model entry (contract '{contract}', assembly '{assembly}').");

        ModelArchiveCheck.Verify(modelLoadContext);
        var main = (BinaryReader)MlNetMembers.LoadContextReader.Value.GetValue(modelLoadContext)!;
        var stream = main.BaseStream;
        var options = ModelLoaderRegistration.OptionsFor(env);
        var entry = new PayloadReader(stream, new ModelLoadBudget(options));
        string typeKey = entry.ReadString("transformer type name");
        uint payloadVersion = (uint)entry.ReadInt32("payload version");
        int length = entry.ReadInt32("payload length");
        if (length < 0 || length > entry.Remaining)
            throw ModelFileErrors.Corrupt($"the entry for '{typeKey}' declares a payload of {length} bytes, but only {entry.Remaining} remain");
        if (length > options.MaxModelBytes) throw options.LimitExceeded(length, $"the stored size of its '{typeKey}' entry");

        var type = ResolveLoadableType(typeKey);
        long start = stream.Position;
        var payload = new StreamWindow(stream, start, length);
        using var payloadReader = new BinaryReader(payload, Encoding.UTF8, leaveOpen: true);
        var loadAs = typeof(ModelPersistence).GetMethod(nameof(LoadAs), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(type);
        var transformer = (ITransformer)MlNetMembers.Invoke(loadAs, null, env, payloadReader, payloadVersion)!;
        if (payload.Position != length)
        {
            throw new InvalidDataException(
                $"{type.FullName}.Load read {payload.Position} of the {length} payload bytes its Save wrote: its Save and Load disagree.");
        }
        stream.Position = start + length;
        return transformer;
    }

    private static TTransformer LoadAs<TTransformer>(IHostEnvironment env, BinaryReader payload, uint payloadVersion)
        where TTransformer : class, ITransformer, ILoadableTransformer<TTransformer> =>
        TTransformer.Load(env, payload, payloadVersion);

    private static string OwnAssemblyName => typeof(ModelPersistence).Assembly.GetName().Name!;

    // Full type name and simple assembly name: survives version changes of the assembly, not renames.
    private static string TypeKey(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";

    private static Type ResolveLoadableType(string typeKey)
    {
        var type = Type.GetType(typeKey, throwOnError: false)
            ?? throw new InvalidDataException(
                $"The model contains an MlNetNeural transformer of type '{typeKey}', which is not available in this process. " +
                "Reference the assembly that defines it (and the MlNetNeural version that saved the model).");
        bool loadable = type.IsClass && typeof(ITransformer).IsAssignableFrom(type) && type.GetInterfaces().Any(i =>
            i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ILoadableTransformer<>) && i.GetGenericArguments()[0] == type);
        return loadable
            ? type
            : throw new InvalidDataException($"Type '{typeKey}' named in the model is not a loadable MlNetNeural transformer; refusing to load it.");
    }
}
