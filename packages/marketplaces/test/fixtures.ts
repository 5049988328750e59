import { certificate, productDetails } from '@ocop-sync/domain';

/** A real-shaped OCOP product (Cà Mau forest honey), parsed by the domain's own schema. */
export function honey(overrides: Record<string, unknown> = {}) {
  return productDetails.parse({
    productId: 'OCOP-CM-0001',
    name: 'Mật ong rừng U Minh Hạ',
    description: 'Mật ong nguyên chất khai thác từ rừng tràm U Minh Hạ, thu hoạch theo mùa.',
    group: 'food',
    producer: { producerId: 'HTX-UMINH', name: 'HTX Ong mật U Minh Hạ', type: 'cooperative' },
    area: { province: 'Cà Mau', district: 'U Minh' },
    priceVnd: 185_000,
    weightGrams: 700,
    packageSize: { lengthCm: 10, widthCm: 10, heightCm: 18 },
    images: ['https://cdn.ocop.example.vn/p/mat-ong-1.jpg', 'https://cdn.ocop.example.vn/p/mat-ong-2.jpg'],
    traceabilityUrl: 'https://truyxuat.ocop.example.vn/p/OCOP-CM-0001',
    ...overrides,
  });
}

export const fourStars = certificate.parse({
  decisionNumber: '1234/QĐ-UBND',
  issuedOn: '2024-03-15',
  stars: 4,
  issuer: 'UBND tỉnh Cà Mau',
});
