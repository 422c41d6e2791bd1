using StaticNets.Generator.Binding;

namespace StaticNets.Generator.Tests.Infrastructure;

/// <summary>The three reference networks of DESIGN.md, as attribute values.</summary>
internal static class ReferenceNetworks
{
    public const string Mlp2 = "FC(100)+RELU+FC(10)+SOFTMAX";

    public const string Lenet5 = "CONV(6,5,pad:2)+RELU+POOL(2)+CONV(16,5)+RELU+POOL(2)+FC(120)+RELU+FC(84)+RELU+FC(10)+SOFTMAX";

    public const string CifarPattern = "((CONV+RELU)*N+POOL)*M+(FC+RELU)*K+SOFTMAX";

    public const string CifarLet = "N=2, M=3, K=1";

    public const string CifarDefaults = "CONV([32,64,128], 3, pad: same); POOL(2); FC(256)";

    public const string CifarExplicit =
        "CONV(32,3,pad:1)+RELU+CONV(32,3,pad:1)+RELU+POOL(2)+"
        + "CONV(64,3,pad:1)+RELU+CONV(64,3,pad:1)+RELU+POOL(2)+"
        + "CONV(128,3,pad:1)+RELU+CONV(128,3,pad:1)+RELU+POOL(2)+"
        + "FC(256)+RELU+FC(10)+SOFTMAX";

    public static NetworkArguments Mlp2Arguments => new(Mlp2, "3x32x32", null, null, null);

    public static NetworkArguments Lenet5Arguments => new(Lenet5, "1x28x28", null, null, null);

    public static NetworkArguments CifarPatternArguments => new(CifarPattern, "3x32x32", 10, CifarLet, CifarDefaults);

    public static NetworkArguments CifarExplicitArguments => new(CifarExplicit, "3x32x32", 10, null, null);
}
