import { mintDevToken, type Role, readDevIssuerFile, roles } from '@ocop-sync/producer-api';
import { type Command, Option } from 'commander';

interface DevTokenOptions {
  role: Role;
  producer?: string;
  province?: string;
  district?: string;
  subject?: string;
  expiresIn: string;
}

/** The claims each role must carry, as the API refuses a token without them. */
function missingClaim(options: DevTokenOptions): string | undefined {
  if (options.role === 'producer' && options.producer === undefined) return '--producer <id>';
  if (options.role !== 'producer' && options.role !== 'operator' && options.province === undefined)
    return '--province <name>';
  if (options.role === 'district-official' && options.district === undefined) return '--district <name>';
  return undefined;
}

/**
 * `ocop-sync dev-token`: a bearer token for the LOCAL producer API, signed by the running local stack's
 * development issuer (Cognito's token format). Prints only the token, so `TOKEN=$(npx ocop-sync dev-token …)`.
 */
export function registerDevTokenCommand(
  program: Command,
  io: { out(text: string): void; err(text: string): void; cwd: string },
): void {
  program
    .command('dev-token')
    .description('a local bearer token for the producer API (the running local stack signs it)')
    .addOption(new Option('--role <role>', 'who the token is for').choices(roles).makeOptionMandatory())
    .option('--producer <id>', 'producer id (role producer)')
    .option('--province <name>', 'province (officials)')
    .option('--district <name>', 'district (district-official)')
    .option('--subject <sub>', 'the token subject (default: a fresh local-<uuid>)')
    .option('--expires-in <seconds>', 'lifetime in seconds', '3600')
    .action(async (options: DevTokenOptions) => {
      const missing = missingClaim(options);
      const expiresInSeconds = Number(options.expiresIn);
      if (missing !== undefined || !Number.isInteger(expiresInSeconds)) {
        io.err(
          `${missing === undefined ? '--expires-in must be whole seconds' : `role ${options.role} needs ${missing}`}\n`,
        );
        process.exitCode = 2;
        return;
      }
      const token = await mintDevToken(readDevIssuerFile(io.cwd), {
        role: options.role,
        expiresInSeconds,
        ...(options.producer === undefined ? {} : { producerId: options.producer }),
        ...(options.province === undefined ? {} : { province: options.province }),
        ...(options.district === undefined ? {} : { district: options.district }),
        ...(options.subject === undefined ? {} : { subject: options.subject }),
      });
      io.out(`${token}\n`);
    });
}
