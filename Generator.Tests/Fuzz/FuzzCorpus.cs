using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using StaticNets.Generator.Binding;
using StaticNets.Generator.Tests.Infrastructure;

namespace StaticNets.Generator.Tests.Fuzz;

/// <summary>Deterministic inputs for the fuzz tests: random strings, token soups, and mutations of valid declarations.</summary>
internal static class FuzzCorpus
{
    /// <summary>Every character the grammars use, a few they do not, and characters that need escaping in C#.</summary>
    public const string Alphabet = "CONVPLFRUSMAXBDEGHITYconvpoolfcrelusoftmax0123456789+*()[],:@=;xNMK .-é\"\\\t\n";

    private static readonly string[] s_vocabulary =
    {
        "CONV", "POOL", "MAXPOOL", "FC", "RELU", "SOFTMAX", "TANH", "DROPOUT", "conv", "Relu", "XYZ",
        "AVGPOOL", "LEAKYRELU", "PRELU", "ELU", "SIGMOID", "SOFTPLUS", "MAXOUT", "BATCHNORM", "BN", "SVM", "L2",
        "(", ")", "+", "*", "[", "]", ",", ":", "@", "pad", "stride", "size", "same", "units", "filters",
        "alpha", "p", "eps", "momentum", "margin", "pieces",
        "N", "M", "K", "0", "1", "2", "3", "5", "10", "32", "-1", "0.5", "0.01", "1e-5", "-0.5", "1.5", "1e39", "2147483648", " ",
    };

    /// <summary>The newer layers, valid on both 3x32x32 and 1x28x28, with and without Classes = 10.</summary>
    public const string MixedLayers = "CONV(8,3,pad:1)+BN+RELU+POOL(2)+FC(32)+DROPOUT(0.5)+PRELU+FC(10)+SVM";

    /// <summary>The rest of the newer layers and real arguments in every written form.</summary>
    public const string RealArguments = "AVGPOOL(2)+CONV(4,3,pad:same)+BATCHNORM(0.2,eps:1e-3)+LEAKYRELU(0.1)+MAXOUT(16,3)+ELU(1.5)+TANH+SIGMOID+SOFTPLUS+FC(10)+L2";

    public static IEnumerable<string> ValidArchitectures => new[]
    {
        ReferenceNetworks.Mlp2, ReferenceNetworks.Lenet5, ReferenceNetworks.CifarPattern, ReferenceNetworks.CifarExplicit,
        MixedLayers, RealArguments,
    };

    public static string RandomString(Random random, string alphabet, int maxLength)
    {
        var builder = new StringBuilder();
        int length = random.Next(maxLength + 1);
        for (int i = 0; i < length; i++)
        {
            builder.Append(alphabet[random.Next(alphabet.Length)]);
        }
        return builder.ToString();
    }

    public static string RandomTokens(Random random, int maxTokens)
    {
        var builder = new StringBuilder();
        int count = random.Next(maxTokens + 1);
        for (int i = 0; i < count; i++)
        {
            builder.Append(s_vocabulary[random.Next(s_vocabulary.Length)]);
        }
        return builder.ToString();
    }

    /// <summary>Every prefix, and every one-character deletion, insertion and substitution (over <see cref="Alphabet"/>).</summary>
    public static IEnumerable<string> Mutations(string text)
    {
        for (int i = 0; i <= text.Length; i++)
        {
            yield return text.Substring(0, i);
        }
        for (int i = 0; i < text.Length; i++)
        {
            yield return text.Remove(i, 1);
        }
        for (int i = 0; i <= text.Length; i++)
        {
            foreach (char c in Alphabet)
            {
                yield return text.Insert(i, c.ToString());
                if (i < text.Length && text[i] != c)
                {
                    yield return text.Remove(i, 1).Insert(i, c.ToString());
                }
            }
        }
    }

    public static string? RandomInput(Random random) => random.Next(10) switch
    {
        0 => null,
        1 => RandomString(random, "0123456789x -", 10),
        2 => "10",
        3 => "1x28x28",
        4 => "1x8x8",
        _ => "3x32x32",
    };

    public static int? RandomClasses(Random random) => random.Next(6) switch
    {
        0 => null,
        1 => random.Next(-2, 3),
        _ => 10,
    };

    public static string? RandomLet(Random random) => random.Next(5) switch
    {
        0 => null,
        1 => RandomString(random, "NMK=0123,. -x", 12),
        _ => "N=" + random.Next(0, 4) + ", M=" + random.Next(1, 4) + ", K=" + random.Next(0, 3),
    };

    public static string? RandomDefaults(Random random) => random.Next(5) switch
    {
        0 => null,
        1 => RandomTokens(random, 12),
        2 => RandomString(random, Alphabet, 20),
        _ => ReferenceNetworks.CifarDefaults,
    };

    /// <summary>The attribute values of <paramref name="count"/> random declarations, valid and invalid mixed.</summary>
    public static IEnumerable<NetworkArguments> RandomDeclarations(int seed, int count)
    {
        var random = new Random(seed);
        var valid = ValidArchitectures.ToArray();
        for (int i = 0; i < count; i++)
        {
            string architecture = random.Next(4) switch
            {
                0 => RandomString(random, Alphabet, 40),
                1 => RandomTokens(random, 25),
                2 => Mutate(random, valid[random.Next(valid.Length)]),
                _ => valid[random.Next(valid.Length)],
            };
            yield return new NetworkArguments(architecture, RandomInput(random), RandomClasses(random), RandomLet(random), RandomDefaults(random));
        }
    }

    private static string Mutate(Random random, string text)
    {
        int position = random.Next(text.Length + 1);
        return random.Next(3) switch
        {
            0 when position < text.Length => text.Remove(position, 1),
            1 => text.Insert(position, Alphabet[random.Next(Alphabet.Length)].ToString()),
            _ => text.Substring(0, position),
        };
    }
}
