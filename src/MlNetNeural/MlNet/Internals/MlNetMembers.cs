using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace MlNetNeural.MlNet.Internals;

/// <summary>
/// Every internal ML.NET member MlNetNeural touches, looked up once by reflection. ML.NET keeps these
/// internal, so a future version may move them: each lookup fails with an exception naming the
/// member and the version we are pinned to. <see cref="VerifyAll"/> checks all of them at once.
/// </summary>
internal static class MlNetMembers
{
    /// <summary>The Microsoft.ML version whose internals this adapter was written and tested against.</summary>
    public const string PinnedVersion = "5.0.1";

    private const BindingFlags AnyInstance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    private static readonly Assembly CoreAssembly = typeof(IHostEnvironment).Assembly;
    private static readonly Assembly DataAssembly = typeof(ModelOperationsCatalog).Assembly;

    private static readonly Lazy<Type> ModelLoadContextType = new(() => RequireType(CoreAssembly, "Microsoft.ML.ModelLoadContext"));
    private static readonly Lazy<Type> VersionInfoType = new(() => RequireType(CoreAssembly, "Microsoft.ML.VersionInfo"));
    private static readonly Lazy<Type> SignatureLoadModelType = new(() => RequireType(CoreAssembly, "Microsoft.ML.SignatureLoadModel"));
    private static readonly Lazy<Type> LoadableClassAttributeType = new(() => RequireType(CoreAssembly, "Microsoft.ML.LoadableClassAttribute"));
    private static readonly Lazy<Type> LoadableClassAttributeBaseType = new(() => RequireType(CoreAssembly, "Microsoft.ML.LoadableClassAttributeBase"));
    private static readonly Lazy<Type> LoadableClassInfoType = new(() => RequireType(CoreAssembly, "Microsoft.ML.Runtime.ComponentCatalog+LoadableClassInfo"));
    private static readonly Lazy<Type> RepositoryReaderType = new(() => RequireType(CoreAssembly, "Microsoft.ML.RepositoryReader"));
    private static readonly Lazy<Type> InternalCatalogType = new(() => RequireType(DataAssembly, "Microsoft.ML.Data.IInternalCatalog"));

    /// <summary><c>ModelSaveContext.SetVersionInfo(VersionInfo)</c>.</summary>
    public static readonly Lazy<MethodInfo> SaveContextSetVersionInfo = new(() =>
        RequireMethod(typeof(ModelSaveContext), "SetVersionInfo", VersionInfoType.Value));

    /// <summary><c>ModelSaveContext.SaveString(string)</c>: adds to the string table, writes its index.</summary>
    public static readonly Lazy<MethodInfo> SaveContextSaveString = new(() =>
        RequireMethod(typeof(ModelSaveContext), "SaveString", typeof(string)));

    /// <summary><c>ModelSaveContext.Writer</c>: the main stream of the model entry.</summary>
    public static readonly Lazy<FieldInfo> SaveContextWriter = new(() =>
        RequireField(typeof(ModelSaveContext), "Writer", typeof(BinaryWriter)));

    /// <summary><c>ModelLoadContext.Reader</c>: the main stream of the model entry.</summary>
    public static readonly Lazy<FieldInfo> LoadContextReader = new(() =>
        RequireField(ModelLoadContextType.Value, "Reader", typeof(BinaryReader)));

    /// <summary><c>ModelLoadContext.Repository</c>: the model zip being read (null when a model is read from a single stream).</summary>
    public static readonly Lazy<FieldInfo> LoadContextRepository = new(() =>
        RequireField(ModelLoadContextType.Value, "Repository", RepositoryReaderType.Value));

    /// <summary><c>RepositoryReader._archive</c>: the zip archive of the model file.</summary>
    public static readonly Lazy<FieldInfo> RepositoryArchive = new(() =>
        RequireField(RepositoryReaderType.Value, "_archive", typeof(System.IO.Compression.ZipArchive)));

    /// <summary><c>ModelLoadContext.LoadString()</c>: reads an index, returns the string table entry.</summary>
    public static readonly Lazy<MethodInfo> LoadContextLoadString = new(() =>
        RequireMethod(ModelLoadContextType.Value, "LoadString"));

    /// <summary><c>new VersionInfo(modelSignature, verWrittenCur, verReadableCur, verWeCanReadBack, loaderAssemblyName, loaderSignature, loaderSignatureAlt)</c>.</summary>
    public static readonly Lazy<ConstructorInfo> VersionInfoConstructor = new(() =>
        RequireConstructor(VersionInfoType.Value, typeof(string), typeof(uint), typeof(uint), typeof(uint), typeof(string), typeof(string), typeof(string)));

    /// <summary><c>new LoadableClassAttribute(instType, loaderType, argType, sigType, userName, params loadNames)</c>.</summary>
    public static readonly Lazy<ConstructorInfo> LoadableClassAttributeConstructor = new(() =>
        RequireConstructor(LoadableClassAttributeType.Value, typeof(Type), typeof(Type), typeof(Type), typeof(Type), typeof(string), typeof(string[])));

    /// <summary><c>new ComponentCatalog.LoadableClassInfo(attr, getter, ctor, create, requireEnvironment)</c>.</summary>
    public static readonly Lazy<ConstructorInfo> LoadableClassInfoConstructor = new(() =>
        RequireConstructor(LoadableClassInfoType.Value, LoadableClassAttributeBaseType.Value, typeof(MethodInfo), typeof(ConstructorInfo), typeof(MethodInfo), typeof(bool)));

    /// <summary><c>ComponentCatalog.AddClass(LoadableClassInfo, string[] loadNames, bool throwOnError)</c>.</summary>
    public static readonly Lazy<MethodInfo> CatalogAddClass = new(() =>
        RequireMethod(typeof(ComponentCatalog), "AddClass", LoadableClassInfoType.Value, typeof(string[]), typeof(bool)));

    /// <summary>The signature type ML.NET uses to look up transformer loaders.</summary>
    public static Type SignatureLoadModel => SignatureLoadModelType.Value;

    /// <summary><c>IInternalCatalog.Environment</c>, implemented by every catalog object.</summary>
    public static readonly Lazy<PropertyInfo> InternalCatalogEnvironment = new(() =>
        RequireProperty(InternalCatalogType.Value, "Environment", typeof(IHostEnvironment)));

    /// <summary><c>new SchemaShape.Column(name, vecKind, itemType, isKey, annotations)</c>.</summary>
    public static readonly Lazy<ConstructorInfo> SchemaShapeColumnConstructor = new(() =>
        RequireConstructor(typeof(SchemaShape.Column), typeof(string), typeof(SchemaShape.Column.VectorKind), typeof(DataViewType), typeof(bool), typeof(SchemaShape)));

    /// <summary><c>new TrainerInfo(normalization, calibration, caching, supportValid, supportIncrementalTrain, supportTest)</c>.</summary>
    public static readonly Lazy<ConstructorInfo> TrainerInfoConstructor = new(() =>
        RequireConstructor(typeof(TrainerInfo), typeof(bool), typeof(bool), typeof(bool), typeof(bool), typeof(bool), typeof(bool)));

    /// <summary><c>OneToOneTransformerBase.ColumnPairs</c>: the (output, input) column names of a one-to-one transformer such as a normalizer.</summary>
    public static readonly Lazy<FieldInfo> OneToOneColumnPairs = new(() =>
        RequireField(typeof(OneToOneTransformerBase), "ColumnPairs", typeof((string, string)[])));

    /// <summary><c>ColumnConcatenatingTransformer.Columns</c>: each output column name with the input column names it joins.</summary>
    public static readonly Lazy<PropertyInfo> ConcatenatingColumns = new(() =>
        RequireProperty(typeof(ColumnConcatenatingTransformer), "Columns", typeof(IReadOnlyCollection<(string, string[])>)));

    /// <summary><c>OneHotEncodingTransformer._transformer</c>: the fitted MapValueToKey (+ KeyToVector / KeyToBinaryVector) chain.</summary>
    public static readonly Lazy<FieldInfo> OneHotEncodingChain = new(() =>
        RequireField(typeof(Microsoft.ML.Transforms.OneHotEncodingTransformer), "_transformer", typeof(TransformerChain<ITransformer>)));

    /// <summary>
    /// Resolves every member above and throws on the first one missing, so an incompatible
    /// Microsoft.ML is reported at once rather than in the middle of a save or load.
    /// </summary>
    public static void VerifyAll()
    {
        _ = SaveContextSetVersionInfo.Value;
        _ = SaveContextSaveString.Value;
        _ = SaveContextWriter.Value;
        _ = LoadContextReader.Value;
        _ = LoadContextLoadString.Value;
        _ = LoadContextRepository.Value;
        _ = RepositoryArchive.Value;
        _ = VersionInfoConstructor.Value;
        _ = LoadableClassAttributeConstructor.Value;
        _ = LoadableClassInfoConstructor.Value;
        _ = CatalogAddClass.Value;
        _ = SignatureLoadModel;
        _ = InternalCatalogEnvironment.Value;
        _ = SchemaShapeColumnConstructor.Value;
        _ = TrainerInfoConstructor.Value;
        _ = OneToOneColumnPairs.Value;
        _ = ConcatenatingColumns.Value;
        _ = OneHotEncodingChain.Value;
    }

    /// <summary>Calls an internal member, unwrapping the reflection wrapper so ML.NET's own exception reaches the caller.</summary>
    public static object? Invoke(MethodBase member, object? target, params object?[] arguments)
    {
        try
        {
            return member is ConstructorInfo constructor ? constructor.Invoke(arguments) : member.Invoke(target, arguments);
        }
        catch (TargetInvocationException wrapper) when (wrapper.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(wrapper.InnerException).Throw();
            throw;
        }
    }

    private static Type RequireType(Assembly assembly, string fullName) =>
        assembly.GetType(fullName, throwOnError: false) ?? throw Missing($"type '{fullName}' in {assembly.GetName().Name}");

    private static MethodInfo RequireMethod(Type type, string name, params Type[] parameterTypes) =>
        type.GetMethod(name, AnyInstance, binder: null, parameterTypes, modifiers: null)
        ?? throw Missing($"method {type.FullName}.{name}({Describe(parameterTypes)})");

    private static ConstructorInfo RequireConstructor(Type type, params Type[] parameterTypes) =>
        type.GetConstructor(AnyInstance, binder: null, parameterTypes, modifiers: null)
        ?? throw Missing($"constructor {type.FullName}({Describe(parameterTypes)})");

    private static FieldInfo RequireField(Type type, string name, Type fieldType)
    {
        var field = type.GetField(name, AnyInstance);
        return field is not null && field.FieldType == fieldType
            ? field
            : throw Missing($"field {type.FullName}.{name} of type {fieldType.Name}");
    }

    private static PropertyInfo RequireProperty(Type type, string name, Type propertyType)
    {
        var property = type.GetProperty(name, AnyInstance);
        return property is not null && property.PropertyType == propertyType && property.GetMethod is not null
            ? property
            : throw Missing($"property {type.FullName}.{name} of type {propertyType.Name}");
    }

    private static string Describe(Type[] parameterTypes) => string.Join(", ", parameterTypes.Select(t => t.Name));

    private static MissingMemberException Missing(string what) => new(
        $"MlNetNeural needs the ML.NET internal {what}, which is not in the loaded Microsoft.ML " +
        $"{CoreAssembly.GetName().Version}. MlNetNeural supports Microsoft.ML {MlNetCompatibility.SupportedRange} and was tested with {PinnedVersion}: " +
        $"reference Microsoft.ML {PinnedVersion}, or an MlNetNeural release built for your Microsoft.ML version.");
}
